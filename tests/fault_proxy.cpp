// fault_proxy LISTEN_PORT TARGET_PORT SEED [ACK_LOG]: a small fault-injecting HTTP proxy for the
// sync fault test (tests/e2e_sync_faults.sh). Listens on 127.0.0.1:LISTEN_PORT and sends
// each request on to 127.0.0.1:TARGET_PORT, or not, by a fate dealt to it:
//
//   pass        the request goes to the store, the reply back to the kiosk
//   reset       the connection is reset (RST) before anything is forwarded
//   drop_reply  the request goes to the store, which commits and replies; the reply is
//               thrown away and the kiosk's connection closed without a byte
//   truncate    the store's reply is cut off halfway through its body
//   slow        the store's reply is sent slowly: its first bytes one at a time, the rest
//               in small pieces, about a second in all (well within the kiosk's timeout)
//   status_500  the proxy answers 500 itself; nothing is forwarded
//   captive     the proxy answers "200 OK" with an HTML page itself, like a captive portal
//
// One request per connection: the proxy reads the whole request (answering an
// `Expect: 100-continue` itself), forwards it with `Connection: close`, reads the whole
// reply, applies the fate and closes. Fates are dealt from a shuffled deck (seeded by
// SEED) of 9 passes and one of each of the 6 faults, reshuffled when used up: 40% of the
// requests fail, and every fate comes up within each 15 requests. POST /v1/answers (the
// batches) has its own deck, apart from every other request, so every fault hits batches.
//
// With ACK_LOG, it appends there the id of every answer that a reply it delivered whole
// (pass, slow) says is stored or already stored: what the kiosk may rightly mark synced.
//
// On SIGTERM or SIGINT it prints, to stderr, one line per fate:
//   fate NAME ANSWER_REQUESTS OTHER_REQUESTS
// Plain POSIX sockets and one thread per connection; nothing but the standard library.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

enum Fate { Pass, Reset, DropReply, Truncate, Slow, Status500, Captive, kFates };
const char* const kFateNames[kFates] = {"pass", "reset", "drop_reply", "truncate", "slow", "status_500", "captive"};

volatile sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

int g_target_port = 0;
std::mutex g_mutex; // guards what follows
std::mt19937_64 g_rng;
std::vector<Fate> g_decks[2]; // [0]: POST /v1/answers, [1]: everything else
std::array<std::array<long, 2>, kFates> g_counts{};
std::atomic<int> g_active{0};
FILE* g_ack_log = nullptr; // guarded by g_mutex too

// Logs the ids a delivered reply acknowledges: {"id":"...","status":"stored"} (or
// "already_stored"), as the store writes them.
void LogAcknowledged(const std::string& reply) {
    if (!g_ack_log)
        return;
    std::string ids;
    const std::string key = "\"id\":\"";
    for (size_t at = reply.find(key); at != std::string::npos; at = reply.find(key, at)) {
        at += key.size();
        size_t end = reply.find('"', at);
        if (end == std::string::npos)
            break;
        std::string rest = reply.substr(end, 40);
        if (rest.rfind("\",\"status\":\"stored\"", 0) == 0 || rest.rfind("\",\"status\":\"already_stored\"", 0) == 0)
            ids += reply.substr(at, end - at) + "\n";
        at = end;
    }
    std::lock_guard<std::mutex> lock(g_mutex);
    fputs(ids.c_str(), g_ack_log);
    fflush(g_ack_log);
}

Fate Deal(int kind) {
    std::lock_guard<std::mutex> lock(g_mutex);
    std::vector<Fate>& deck = g_decks[kind];
    if (deck.empty()) {
        deck.assign(9, Pass);
        for (int f = Reset; f < kFates; f++)
            deck.push_back(Fate(f));
        std::shuffle(deck.begin(), deck.end(), g_rng);
    }
    Fate f = deck.back();
    deck.pop_back();
    g_counts[f][kind]++;
    return f;
}

// Waits up to timeout_ms for fd to be readable; true if it is (or has hung up).
bool WaitReadable(int fd, int timeout_ms) {
    pollfd p{fd, POLLIN, 0};
    int rc;
    do
        rc = poll(&p, 1, timeout_ms);
    while (rc < 0 && errno == EINTR);
    return rc > 0;
}

bool SendAll(int fd, const char* data, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        n -= size_t(w);
    }
    return true;
}
bool SendAll(int fd, const std::string& s) { return SendAll(fd, s.data(), s.size()); }

// Reads some bytes into buf; 0 at the end, -1 on an error or a timeout.
ssize_t ReadSome(int fd, std::string* buf, int timeout_ms) {
    if (!WaitReadable(fd, timeout_ms))
        return -1;
    char tmp[16384];
    ssize_t n;
    do
        n = recv(fd, tmp, sizeof tmp, 0);
    while (n < 0 && errno == EINTR);
    if (n > 0)
        buf->append(tmp, size_t(n));
    return n;
}

std::string Lower(std::string s) {
    for (char& c : s)
        c = char(tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Request {
    std::string Head;    // request line and headers to forward, ending in the blank line
    std::string Body;
    bool ForAnswers = false; // POST /v1/answers
};

// Reads one whole request from the kiosk. False if it hung up or sent nonsense.
bool ReadRequest(int fd, Request* req) {
    std::string buf;
    size_t end;
    while ((end = buf.find("\r\n\r\n")) == std::string::npos) {
        if (buf.size() > 65536 || ReadSome(fd, &buf, 30000) <= 0)
            return false;
    }
    std::string head = buf.substr(0, end + 2); // with the last header's CRLF
    std::string rest = buf.substr(end + 4);
    size_t content_length = 0;
    bool expect_continue = false;
    std::string out;
    size_t pos = 0;
    bool first = true;
    while (pos < head.size()) {
        size_t eol = head.find("\r\n", pos);
        std::string line = head.substr(pos, eol - pos);
        pos = eol + 2;
        if (first) {
            req->ForAnswers = line.rfind("POST /v1/answers", 0) == 0;
            out += line + "\r\n";
            first = false;
            continue;
        }
        std::string low = Lower(line);
        if (low.rfind("content-length:", 0) == 0)
            content_length = size_t(strtoull(line.c_str() + 15, nullptr, 10));
        if (low.rfind("expect:", 0) == 0) {
            expect_continue = low.find("100-continue") != std::string::npos;
            continue;
        }
        if (low.rfind("connection:", 0) == 0 || low.rfind("proxy-connection:", 0) == 0)
            continue;
        out += line + "\r\n";
    }
    out += "Connection: close\r\n\r\n";
    if (expect_continue && rest.size() < content_length && !SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n"))
        return false;
    while (rest.size() < content_length)
        if (ReadSome(fd, &rest, 30000) <= 0)
            return false;
    req->Head = out;
    req->Body = rest.substr(0, content_length);
    return true;
}

// Sends the request to the store and reads its whole reply (it closes after it).
bool Forward(const Request& req, std::string* reply) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(uint16_t(g_target_port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 && SendAll(fd, req.Head) &&
              SendAll(fd, req.Body);
    ssize_t n = 1;
    while (ok && (n = ReadSome(fd, reply, 90000)) > 0) {
    }
    close(fd);
    return ok && n == 0 && !reply->empty();
}

void CloseNow(int fd) { // RST instead of FIN
    linger l{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

void CloseGently(int fd) {
    shutdown(fd, SHUT_WR);
    std::string ignored; // let the kiosk see the end before we go
    while (ignored.size() < 65536 && ReadSome(fd, &ignored, 2000) > 0) {
    }
    close(fd);
}

void Serve(int client) {
    Request req;
    if (!ReadRequest(client, &req)) {
        close(client);
        g_active--;
        return;
    }
    const Fate fate = Deal(req.ForAnswers ? 0 : 1);
    std::string reply;
    switch (fate) {
    case Reset: CloseNow(client); break;
    case Status500:
        SendAll(client, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n"
                        "Connection: close\r\n\r\nInternal Server Error");
        CloseGently(client);
        break;
    case Captive:
        SendAll(client, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 27\r\n"
                        "Connection: close\r\n\r\n<html>captive portal</html>");
        CloseGently(client);
        break;
    case Pass:
    case DropReply:
    case Truncate:
    case Slow:
        if (!Forward(req, &reply)) {
            fprintf(stderr, "fault_proxy: the store did not answer (%s)\n", kFateNames[fate]);
            CloseNow(client);
            break;
        }
        if (fate == Pass) {
            if (SendAll(client, reply))
                LogAcknowledged(reply);
        } else if (fate == DropReply) {
            // The store has committed and answered; the kiosk never hears of it.
        } else if (fate == Truncate) {
            size_t head_end = reply.find("\r\n\r\n");
            size_t body_at = head_end == std::string::npos ? 0 : head_end + 4;
            size_t body = reply.size() - body_at;
            SendAll(client, reply.data(), body > 0 ? body_at + body / 2 : reply.size() / 2);
        } else { // Slow: the first 200 bytes one by one, the rest in ~100 pieces; ~1 s
            size_t i = 0;
            for (; i < reply.size() && i < 200; i++) {
                if (!SendAll(client, reply.data() + i, 1))
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            const size_t piece = std::max<size_t>(1, (reply.size() - std::min<size_t>(reply.size(), 200)) / 100);
            while (i < reply.size()) {
                size_t n = std::min(piece, reply.size() - i);
                if (!SendAll(client, reply.data() + i, n))
                    break;
                i += n;
                std::this_thread::sleep_for(std::chrono::milliseconds(6));
            }
            if (i == reply.size())
                LogAcknowledged(reply);
        }
        CloseGently(client);
        break;
    case kFates: break;
    }
    g_active--;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: fault_proxy LISTEN_PORT TARGET_PORT SEED [ACK_LOG]\n");
        return 2;
    }
    const int listen_port = atoi(argv[1]);
    g_target_port = atoi(argv[2]);
    g_rng.seed(strtoull(argv[3], nullptr, 10));
    if (argc == 5 && !(g_ack_log = fopen(argv[4], "a"))) {
        fprintf(stderr, "fault_proxy: cannot write %s: %s\n", argv[4], strerror(errno));
        return 1;
    }

    struct sigaction sa {};
    sa.sa_handler = OnSignal; // no SA_RESTART: poll returns EINTR
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);

    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(listen_port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (lfd < 0 || bind(lfd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(lfd, 64) != 0) {
        fprintf(stderr, "fault_proxy: cannot listen on 127.0.0.1:%d: %s\n", listen_port, strerror(errno));
        return 1;
    }
    fprintf(stderr, "fault_proxy: listening on 127.0.0.1:%d, forwarding to 127.0.0.1:%d\n", listen_port,
            g_target_port);

    while (!g_stop) {
        if (!WaitReadable(lfd, 200))
            continue;
        int client = accept(lfd, nullptr, nullptr);
        if (client < 0)
            continue;
        g_active++;
        std::thread(Serve, client).detach();
    }
    close(lfd);
    for (int i = 0; i < 50 && g_active > 0; i++) // let the last replies finish
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::lock_guard<std::mutex> lock(g_mutex);
    fprintf(stderr, "fault_proxy: fates (POST /v1/answers, other requests):\n");
    for (int f = 0; f < kFates; f++)
        fprintf(stderr, "fate %s %ld %ld\n", kFateNames[f], g_counts[f][0], g_counts[f][1]);
    return 0;
}
