// The store's HTTP layer (store/http.hpp) on real sockets: a server on an ephemeral port
// of 127.0.0.1 in this process, spoken to byte by byte over TCP. Routing, the refusals made
// on the header alone (404, 405, 413, 415, 429), the deadlines, the connection caps, the
// rate limiter's table; and the kiosk routes' 429 by address before the token check.
#include "store/http.hpp"
#include "store/http_server.hpp"
#include "store/rate_limiter.hpp"
#include "store/store.hpp"

#include <doctest/doctest.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>

using namespace store;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A server on its own thread, stopped and joined on the way out.
struct TestServer {
    std::unique_ptr<http::Server> S;
    std::thread T;
    TestServer(http::Router router, http::Limits limits = {}) {
        http::ServerOptions o;
        o.Host = "127.0.0.1";
        o.Port = 0;
        o.Limit = limits;
        std::string error;
        S = http::Server::Listen(std::move(o), std::move(router), &error);
        REQUIRE_MESSAGE(S, error);
        T = std::thread([this] { S->Run(); });
    }
    TestServer(http::ServerOptions o, http::Router router) {
        std::string error;
        S = http::Server::Listen(std::move(o), std::move(router), &error);
        REQUIRE_MESSAGE(S, error);
        T = std::thread([this] { S->Run(); });
    }
    ~TestServer() {
        S->Stop();
        T.join();
    }
    int Port() const { return S->Port(); }
};

// A blocking TCP client with a deadline on every wait.
struct Client {
    int Fd = -1;
    std::string Pending; // read, not yet returned
    explicit Client(int port) {
        Fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(uint16_t(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(Fd, (sockaddr*)&a, sizeof a) == 0);
        int one = 1;
        setsockopt(Fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~Client() {
        if (Fd >= 0)
            close(Fd);
    }
    bool Send(const std::string& s) { return send(Fd, s.data(), s.size(), MSG_NOSIGNAL) == ssize_t(s.size()); }
    // One response: its header and Content-Length bytes of body (what came after it waits
    // for the next call), or what there was when the peer closed or the time ran out.
    std::string ReadResponse(double timeout_s = 3.0) {
        const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
        for (;;) {
            size_t end = Pending.find("\r\n\r\n");
            if (end != std::string::npos) {
                size_t cl = Pending.find("Content-Length: ");
                size_t want = cl == std::string::npos || cl > end ? 0 : size_t(atol(Pending.c_str() + cl + 16));
                if (Pending.size() >= end + 4 + want) {
                    std::string one = Pending.substr(0, end + 4 + want);
                    Pending.erase(0, end + 4 + want);
                    return one;
                }
            }
            char buf[4096];
            ssize_t n = WaitReadable(until) ? recv(Fd, buf, sizeof buf, 0) : 0;
            if (n <= 0)
                return std::exchange(Pending, "");
            Pending.append(buf, size_t(n));
        }
    }
    // true when the server closed the connection (EOF or reset) before the timeout.
    bool ClosedWithin(double timeout_s) {
        const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout_s));
        for (;;) {
            if (!WaitReadable(until))
                return false;
            char buf[4096];
            ssize_t n = recv(Fd, buf, sizeof buf, 0);
            if (n <= 0)
                return true;
        }
    }
    bool WaitReadable(Clock::time_point until) {
        int ms = int(std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count());
        pollfd p{Fd, POLLIN, 0};
        return ms > 0 && poll(&p, 1, ms) == 1;
    }
};

int Status(const std::string& response) {
    return response.rfind("HTTP/1.1 ", 0) == 0 ? atoi(response.c_str() + 9) : 0;
}

std::string BodyOf(const std::string& response) {
    size_t end = response.find("\r\n\r\n");
    return end == std::string::npos ? "" : response.substr(end + 4);
}

std::string Get(const std::string& path) { return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n"; }

http::Router TestRoutes(std::atomic<int>* handled) {
    http::Router r;
    http::Add(r, "GET", "/hello", [handled](const http::Request& q) {
        (*handled)++;
        return http::Text(200, "hello " + q.Query);
    });
    http::Add(r, "GET", "/wijk/*", [handled](const http::Request& q) {
        (*handled)++;
        return http::Text(200, "wijk " + http::PercentDecode(q.Tail, false));
    });
    http::Add(r, "GET", "/wijk/special", [](const http::Request&) { return http::Text(200, "exact"); });
    http::Add(
        r, "POST", "/console/login",
        [handled](const http::Request& q) {
            (*handled)++;
            http::Fields form = http::ParseForm(q.Body);
            http::Response res = http::Text(200, "name=" + http::FormValue(form, "name"));
            res.Headers.emplace_back("Set-Cookie", "s=1; HttpOnly");
            res.Headers.emplace_back("Set-Cookie", "t=2; HttpOnly");
            return res;
        },
        {.MaxBody = 1024});
    http::Add(r, "GET", "/throw", [](const http::Request&) -> http::Response {
        throw std::runtime_error("disk I/O error (a detail for the log only)");
    });
    return r;
}

} // namespace

TEST_CASE("http: routes, prefixes, forms, cookies, 404 and 405 on a real socket") {
    std::atomic<int> handled{0};
    TestServer srv(TestRoutes(&handled));
    Client c(srv.Port());

    SUBCASE("exact and prefix routes on one keep-alive connection") {
        REQUIRE(c.Send(Get("/hello?x=1")));
        std::string r = c.ReadResponse();
        CHECK(Status(r) == 200);
        CHECK(BodyOf(r) == "hello x=1");
        REQUIRE(c.Send(Get("/wijk/De%20Hoogte")));
        CHECK(BodyOf(c.ReadResponse()) == "wijk De Hoogte");
        REQUIRE(c.Send(Get("/wijk/special")));
        CHECK(BodyOf(c.ReadResponse()) == "exact");
        CHECK(handled == 2);
    }
    SUBCASE("a form body, and two Set-Cookie headers") {
        const std::string body = "name=Anne+de+Vries&password=p%26q";
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
        std::string r = c.ReadResponse();
        CHECK(Status(r) == 200);
        CHECK(BodyOf(r) == "name=Anne de Vries");
        CHECK(r.find("Set-Cookie: s=1; HttpOnly\r\n") != std::string::npos);
        CHECK(r.find("Set-Cookie: t=2; HttpOnly\r\n") != std::string::npos);
    }
    SUBCASE("404 for an unknown path, 405 for a known path with another method") {
        REQUIRE(c.Send(Get("/nothing")));
        CHECK(Status(c.ReadResponse()) == 404);
        REQUIRE(c.Send("POST /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
        CHECK(Status(c.ReadResponse()) == 405);
        CHECK(handled == 0);
    }
    SUBCASE("two pipelined requests get two replies in order") {
        REQUIRE(c.Send(Get("/hello?a") + Get("/hello?b")));
        std::string r1 = c.ReadResponse();
        CHECK(BodyOf(r1) == "hello a");
        std::string r2 = r1.size() > 0 ? c.ReadResponse() : "";
        CHECK(BodyOf(r2) == "hello b");
    }
    SUBCASE("a handler that throws: a generic 500, no detail") {
        REQUIRE(c.Send(Get("/throw")));
        std::string r = c.ReadResponse();
        CHECK(Status(r) == 500);
        CHECK(r.find("disk I/O") == std::string::npos);
    }
}

TEST_CASE("http: helpers for handlers") {
    http::Request q;
    q.Headers = {{"cookie", "a=1; sessie=xyz; b=2"}, {"X-Thing", "v"}};
    CHECK(http::CookieValue(q, "sessie") == "xyz");
    CHECK(http::CookieValue(q, "none") == "");
    CHECK(http::HeaderValue(q, "x-thing") == "v");
    CHECK(http::PercentDecode("a%2Fb+c%zz%4", true) == "a/b c%zz%4");
    http::Fields f = http::ParseForm("x=1&&y=&z");
    REQUIRE(f.size() == 3);
    CHECK(http::FormValue(f, "y") == "");
    CHECK(f[2].first == "z");
}

TEST_CASE("http: refused on the header alone, before any body byte is read") {
    std::atomic<int> handled{0};
    TestServer srv(TestRoutes(&handled));
    Client c(srv.Port());

    SUBCASE("413 at once for an announced body over the route's limit, then the connection closes") {
        const auto t0 = Clock::now();
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000000\r\n\r\n"));
        std::string r = c.ReadResponse(2.0);
        const double took = Since(t0);
        CHECK(Status(r) == 413);
        CHECK(took < 1.0);
        CHECK(r.find("Connection: close") != std::string::npos);
        CHECK(c.ClosedWithin(3.0));
    }
    SUBCASE("413 for a chunked body that grows over the limit") {
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                       std::string(2048, 'x') + "\r\n"));
        CHECK(Status(c.ReadResponse()) == 413);
    }
    SUBCASE("415 for Content-Encoding: gzip, answered before the body is sent") {
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\nContent-Length: 100\r\n\r\n"));
        CHECK(Status(c.ReadResponse(2.0)) == 415);
        CHECK(c.ClosedWithin(3.0));
    }
    SUBCASE("415 for a transfer coding other than chunked") {
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"));
        CHECK(Status(c.ReadResponse(2.0)) == 415);
    }
    SUBCASE("431 for a header over 8 KiB") {
        REQUIRE(c.Send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n"));
        CHECK(Status(c.ReadResponse()) == 431);
    }
    SUBCASE("Expect: 100-continue gets the go-ahead, then the reply") {
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 6\r\n\r\n"));
        std::string r = c.ReadResponse();
        CHECK(Status(r) == 100);
        REQUIRE(c.Send("name=a"));
        CHECK(BodyOf(c.ReadResponse()) == "name=a");
    }
    CHECK(handled <= 1);
}

TEST_CASE("http: deadlines are totals, not per read") {
    http::Limits l;
    l.HeaderTimeout = 400ms;
    l.BodyTimeout = 400ms;
    l.IdleTimeout = 300ms;
    std::atomic<int> handled{0};
    TestServer srv(TestRoutes(&handled), l);
    Client c(srv.Port());

    SUBCASE("a header trickled a byte every 50 ms is cut off at the header deadline") {
        const std::string req = Get("/hello") + std::string(200, ' ');
        const auto t0 = Clock::now();
        bool closed = false;
        for (size_t i = 0; i < req.size() && !closed && Since(t0) < 3.0; i++) {
            c.Send(req.substr(i, 1));
            closed = c.ClosedWithin(0.05);
        }
        CHECK(closed);
        const double took = Since(t0);
        CHECK(took > 0.35);
        CHECK(took < 1.5);
        CHECK(handled == 0);
    }
    SUBCASE("a body that stalls is cut off at the body deadline") {
        REQUIRE(c.Send("POST /console/login HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nname="));
        const auto t0 = Clock::now();
        CHECK(c.ClosedWithin(2.0));
        CHECK(Since(t0) < 1.0);
        CHECK(handled == 0);
    }
    SUBCASE("an idle keep-alive connection is closed after the idle deadline") {
        REQUIRE(c.Send(Get("/hello")));
        CHECK(Status(c.ReadResponse()) == 200);
        const auto t0 = Clock::now();
        CHECK(c.ClosedWithin(2.0));
        CHECK(Since(t0) > 0.25);
    }
    SUBCASE("a connection that sends nothing is closed at the header deadline") {
        const auto t0 = Clock::now();
        CHECK(c.ClosedWithin(2.0));
        CHECK(Since(t0) < 1.0);
    }
}

TEST_CASE("http: connection caps per address") {
    http::Limits l;
    l.MaxConnectionsPerAddress = 3;
    std::atomic<int> handled{0};
    TestServer srv(TestRoutes(&handled), l);
    std::vector<std::unique_ptr<Client>> held;
    for (int i = 0; i < 3; i++)
        held.push_back(std::make_unique<Client>(srv.Port()));
    // The server counts a connection once it has accepted it.
    for (int i = 0; i < 100 && srv.S->OpenConnections() < 3; i++)
        std::this_thread::sleep_for(10ms);
    CHECK(srv.S->OpenConnections() == 3);
    Client fourth(srv.Port());
    std::string r = fourth.ReadResponse(2.0);
    CHECK(Status(r) == 503);
    CHECK(fourth.ClosedWithin(2.0));
    held.pop_back(); // one goes: there is room again
    for (int i = 0; i < 100 && srv.S->OpenConnections() >= 3; i++)
        std::this_thread::sleep_for(10ms);
    Client fifth(srv.Port());
    REQUIRE(fifth.Send(Get("/hello")));
    CHECK(Status(fifth.ReadResponse()) == 200);
}

TEST_CASE("kiosk routes: a bad token hammered from one address gets 429 before the token check") {
    char tmpl[] = "/tmp/wijkstem-http-XXXXXX";
    const std::string dir = mkdtemp(tmpl);
    {
        std::string error;
        auto st = Store::Open(dir + "/store.db", &error);
        REQUIRE_MESSAGE(st, error);
        RateLimiter devices(20, 40);
        http::Router r;
        AddKioskRoutes(r, *st, devices);
        http::ServerOptions o;
        o.Limit.RatePerAddress = 5;
        o.Limit.BurstPerAddress = 10;
        o.ErrorReply = JsonError;
        auto srv = http::Server::Listen(std::move(o), std::move(r), &error);
        REQUIRE_MESSAGE(srv, error);
        std::thread t([&] { srv->Run(); });
        Client c(srv->Port());
        int n401 = 0, n429 = 0;
        for (int i = 0; i < 40; i++) {
            REQUIRE(c.Send("GET /v1/content HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer 00ff\r\n\r\n"));
            std::string res = c.ReadResponse();
            n401 += Status(res) == 401;
            n429 += Status(res) == 429;
            if (Status(res) == 429)
                CHECK(BodyOf(res).find("\"store\":\"wijkstem-store/1\"") != std::string::npos);
        }
        CHECK(n401 >= 10);
        CHECK(n401 <= 12); // the burst, and what refilled during the loop
        CHECK(n429 >= 28);
        srv->Stop();
        t.join();
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("rate limiter: token buckets, and a table that forgets idle keys") {
    const auto t0 = RateLimiter::Clock::time_point{} + std::chrono::hours(1);
    SUBCASE("a burst, then the rate") {
        RateLimiter l(2, 4);
        for (int i = 0; i < 4; i++)
            CHECK(l.Allow("a", t0));
        CHECK_FALSE(l.Allow("a", t0));
        CHECK(l.Allow("b", t0)); // another key has its own bucket
        CHECK(l.Allow("a", t0 + 500ms));
        CHECK_FALSE(l.Allow("a", t0 + 500ms));
    }
    SUBCASE("keys idle past the drop time are forgotten") {
        RateLimiter l(2, 4, std::chrono::seconds(180), 100000, std::chrono::seconds(30));
        for (int i = 0; i < 1000; i++)
            l.Allow("10.0.0." + std::to_string(i), t0);
        CHECK(l.Size() == 1000);
        l.Allow("x", t0 + 100s); // not idle long enough yet
        CHECK(l.Size() == 1001);
        l.Allow("y", t0 + 181s);
        CHECK(l.Size() == 2); // x and y
    }
    SUBCASE("a full table forgets refilled buckets, and refuses new keys while still full") {
        RateLimiter l(10, 10, std::chrono::seconds(180), 3);
        CHECK(l.Allow("a", t0));
        CHECK(l.Allow("b", t0));
        CHECK(l.Allow("c", t0));
        CHECK_FALSE(l.Allow("d", t0 + 100ms)); // a, b and c are not refilled yet
        CHECK(l.Allow("a", t0 + 100ms));
        CHECK(l.Allow("d", t0 + 2s)); // b and c are full again: forgotten
        CHECK(l.Size() <= 3);
    }
    SUBCASE("rate 0: no limit") {
        RateLimiter l(0, 0);
        for (int i = 0; i < 1000; i++)
            CHECK(l.Allow("a", t0));
        CHECK(l.Size() == 0);
    }
}

namespace {

// A self-signed certificate made with the openssl command (tools/install-deps.sh has it).
struct TempCert {
    std::string Dir, Cert, Key;
    TempCert() {
        char tmpl[] = "/tmp/wijkstem-tls-XXXXXX";
        Dir = mkdtemp(tmpl);
        Cert = Dir + "/cert.pem";
        Key = Dir + "/key.pem";
        const std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
                                "-subj /CN=127.0.0.1 -keyout " + Key + " -out " + Cert + " > /dev/null 2>&1";
        REQUIRE_MESSAGE(system(cmd.c_str()) == 0, "openssl could not make a test certificate");
    }
    ~TempCert() { std::filesystem::remove_all(Dir); }
};

// One TLS request with OpenSSL on a connected socket; max_version 0: any. The reply, or ""
// when the handshake failed.
std::string TlsRequest(int fd, int max_version, const std::string& request) {
    SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(ctx, 0); // offer old protocols too: the server must refuse them
    if (max_version)
        SSL_CTX_set_max_proto_version(ctx, max_version);
    SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    std::string got;
    if (SSL_connect(ssl) == 1 && SSL_write(ssl, request.data(), int(request.size())) > 0) {
        char buf[4096];
        int n = SSL_read(ssl, buf, sizeof buf);
        if (n > 0)
            got.assign(buf, size_t(n));
    }
    ERR_clear_error();
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return got;
}

} // namespace

TEST_CASE("http: TLS 1.2+ only, and a handshake deadline counted from the accept") {
    TempCert cert;
    std::atomic<int> handled{0};
    http::ServerOptions o;
    o.TlsCert = cert.Cert;
    o.TlsKey = cert.Key;
    o.Limit.HandshakeTimeout = 400ms;
    TestServer srv(std::move(o), TestRoutes(&handled));

    SUBCASE("a request over TLS") {
        Client c(srv.Port());
        std::string r = TlsRequest(c.Fd, 0, Get("/hello?tls"));
        CHECK(Status(r) == 200);
        CHECK(BodyOf(r) == "hello tls");
    }
    SUBCASE("TLS 1.1 is refused") {
        Client c(srv.Port());
        CHECK(TlsRequest(c.Fd, TLS1_1_VERSION, Get("/hello")) == "");
        CHECK(handled == 0);
    }
    SUBCASE("a connection that sends nothing, or one byte of a handshake, is closed at the deadline") {
        Client silent(srv.Port()), one_byte(srv.Port());
        const auto t0 = Clock::now();
        REQUIRE(one_byte.Send(std::string(1, '\x16'))); // the first byte of a TLS handshake record
        CHECK(silent.ClosedWithin(2.0));
        CHECK(one_byte.ClosedWithin(2.0));
        CHECK(Since(t0) < 1.2);
    }
}
