// The store's HTTP layer on Boost.Beast over Asio (see http.hpp for what it promises).
//
// [SECTION] Router and helpers for handlers
// [SECTION] Addresses and the connection table
// [SECTION] The server's state
// [SECTION] A connection: handshake, header, checks, body, handler, reply, close
// [SECTION] Accepting
// [SECTION] Listen, Run, Stop
//
// Beast and Asio report errors as error codes in the asynchronous paths; what can throw
// (set-up, allocation, a handler) is caught here, so nothing crosses the module's border.
#define BOOST_BEAST_USE_STD_STRING_VIEW // beast::string_view is std::string_view
#include "store/http.hpp"
#include "store/rate_limiter.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>

#include <algorithm>
#include <csignal>
#include <limits>
#include <cstdio>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unordered_map>

namespace store::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

//-----------------------------------------------------------------------------
// [SECTION] Router and helpers for handlers
//-----------------------------------------------------------------------------

void Add(Router& router, std::string method, std::string path, Handler handler, RouteOptions options) {
    Route r;
    r.Method = std::move(method);
    r.Prefix = !path.empty() && path.back() == '*';
    r.Path = r.Prefix ? path.substr(0, path.size() - 1) : std::move(path);
    r.Options = options;
    r.Run = std::move(handler);
    router.Routes.push_back(std::move(r));
}

const Route* Match(const Router& router, std::string_view method, std::string_view path, bool* path_known) {
    const Route* best = nullptr;
    size_t best_len = 0;
    bool best_exact = false;
    *path_known = false;
    for (const Route& r : router.Routes) {
        const bool exact = !r.Prefix && path == r.Path;
        const bool prefix = r.Prefix && path.substr(0, r.Path.size()) == r.Path;
        if (!exact && !prefix)
            continue;
        *path_known = true;
        if (r.Method != method)
            continue;
        if (!best || (exact && !best_exact) || (!best_exact && !exact && r.Path.size() > best_len)) {
            best = &r;
            best_len = r.Path.size();
            best_exact = exact;
        }
    }
    return best;
}

namespace {

bool IEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); i++)
        if (std::tolower((unsigned char)a[i]) != std::tolower((unsigned char)b[i]))
            return false;
    return true;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

int HexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    c = char(std::tolower((unsigned char)c));
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

} // namespace

std::string_view HeaderValue(const Request& req, std::string_view name) {
    for (const auto& [n, v] : req.Headers)
        if (IEquals(n, name))
            return v;
    return {};
}

std::string CookieValue(const Request& req, std::string_view name) {
    for (const auto& [n, v] : req.Headers) {
        if (!IEquals(n, "Cookie"))
            continue;
        std::string_view rest = v;
        while (!rest.empty()) {
            size_t semi = rest.find(';');
            std::string_view pair = Trim(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            size_t eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name)
                return std::string(pair.substr(eq + 1));
        }
    }
    return "";
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); i++) {
        int hi = -1, lo = -1;
        if (s[i] == '%' && i + 2 < s.size() && (hi = HexDigit(s[i + 1])) >= 0 && (lo = HexDigit(s[i + 2])) >= 0) {
            out.push_back(char(hi * 16 + lo));
            i += 2;
        } else
            out.push_back(plus_is_space && s[i] == '+' ? ' ' : s[i]);
    }
    return out;
}

Fields ParseForm(std::string_view s) {
    Fields out;
    while (!s.empty()) {
        size_t amp = s.find('&');
        std::string_view pair = s.substr(0, amp);
        s = amp == std::string_view::npos ? std::string_view{} : s.substr(amp + 1);
        if (pair.empty())
            continue;
        size_t eq = pair.find('=');
        std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        out.emplace_back(PercentDecode(pair.substr(0, eq), true), PercentDecode(value, true));
    }
    return out;
}

std::string FormValue(const Fields& form, std::string_view name) {
    for (const auto& [n, v] : form)
        if (n == name)
            return v;
    return "";
}

Response Text(int status, std::string body) {
    Response r;
    r.Status = status;
    r.Body = std::move(body);
    return r;
}

//-----------------------------------------------------------------------------
// [SECTION] Addresses and the connection table
//-----------------------------------------------------------------------------

namespace {

constexpr int kListenBacklog = 512;             // the kernel caps it at net.core.somaxconn (4096)
constexpr size_t kBodyReadBuffer = 64 * 1024;   // while a body is read; an idle connection keeps none
constexpr size_t kMaxDrain = 4 * 1024 * 1024;   // discarded after an early reply, at most, before closing

net::ip::address Unmapped(const net::ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
    return a;
}

// The key limits count by: an IPv4 address, or an IPv6 /64 (one subscriber's prefix, which
// one client can fill with addresses of its own).
std::string AddressKey(const net::ip::address& a) {
    if (!a.is_v6())
        return a.to_string();
    net::ip::address_v6::bytes_type b = a.to_v6().to_bytes();
    std::fill(b.begin() + 8, b.end(), 0);
    return net::ip::address_v6(b).to_string() + "/64";
}

// Open connections, in all and per address key. Touched by the I/O thread, and by
// whichever thread drops a connection's last reference (at shutdown, a worker's).
struct ConnTable {
    std::mutex Mu;
    int Total = 0;
    std::unordered_map<std::string, int> PerKey;

    bool Acquire(const std::string& key, int max_total, int max_per_key) {
        std::lock_guard<std::mutex> lock(Mu);
        auto it = PerKey.find(key);
        const int mine = it == PerKey.end() ? 0 : it->second;
        if (Total >= max_total || mine >= max_per_key)
            return false;
        Total++;
        PerKey[key] = mine + 1;
        return true;
    }
    void Release(const std::string& key) {
        std::lock_guard<std::mutex> lock(Mu);
        Total--;
        auto it = PerKey.find(key);
        if (it != PerKey.end() && --it->second <= 0)
            PerKey.erase(it);
    }
};

// A connection's place in the table, given back when the connection goes.
struct Slot {
    ConnTable* Table = nullptr;
    std::string Key;
    Slot(ConnTable* t, std::string k) : Table(t), Key(std::move(k)) {}
    Slot(Slot&& o) noexcept : Table(std::exchange(o.Table, nullptr)), Key(std::move(o.Key)) {}
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
        if (Table)
            Table->Release(Key);
    }
};

// Sockets beyond the process's file limit would fail to accept: raise the soft limit
// towards the hard one, and lower the connection cap if the hard limit is lower still.
void FitFileLimit(Limits* l) {
    constexpr int kSpare = 64; // the database, logs, the listening socket
    rlimit r{};
    if (getrlimit(RLIMIT_NOFILE, &r) != 0)
        return;
    const rlim_t want = rlim_t(l->MaxConnections + kSpare);
    if (r.rlim_cur < want) {
        r.rlim_cur = r.rlim_max == RLIM_INFINITY ? want : std::min(want, r.rlim_max);
        setrlimit(RLIMIT_NOFILE, &r);
        getrlimit(RLIMIT_NOFILE, &r);
    }
    if (r.rlim_cur != RLIM_INFINITY && r.rlim_cur < want) {
        l->MaxConnections = std::max(16, int(r.rlim_cur) - kSpare);
        fprintf(stderr, "wijkstem-store: the file limit (%llu) allows %d open connections\n",
                (unsigned long long)r.rlim_cur, l->MaxConnections);
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] The server's state
//-----------------------------------------------------------------------------

// Declared in the order things must outlive each other: connections (owned by handlers
// queued in Io or Pool) give their slot back to Conns and hold SSL objects of Tls.
struct Server::Impl {
    ServerOptions Opt;
    Router Routes;
    RateLimiter AddrLimiter;
    ConnTable Conns;
    std::optional<ssl::context> Tls;
    net::io_context Io{1};
    tcp::acceptor Acceptor{Io};
    net::signal_set Signals{Io};
    net::steady_timer AcceptRetry{Io};
    std::chrono::steady_clock::time_point LastAcceptLog{};
    int BoundPort = 0;
    std::unique_ptr<net::thread_pool> Pool; // destroyed first: running handlers finish

    Impl(ServerOptions o, Router r)
        : Opt(std::move(o)), Routes(std::move(r)),
          AddrLimiter(Opt.Limit.RatePerAddress, Opt.Limit.BurstPerAddress, Opt.Limit.RateIdleDrop) {}

    Response Error(int status, const std::string& why) const {
        if (Opt.ErrorReply)
            return Opt.ErrorReply(status, why);
        return Text(status, why + "\n");
    }
};

namespace {

// A handler's reply; an exception becomes a generic 500 (the detail only in the log).
Response RunHandler(const Server::Impl& s, const Route& route, const Request& req) {
    const char* what = "unknown exception";
    std::string detail;
    try {
        return route.Run(req);
    } catch (const std::exception& e) {
        detail = e.what();
        what = detail.c_str();
    } catch (...) {
    }
    fprintf(stderr, "wijkstem-store: %s %s failed: %s\n", req.Method.c_str(), req.Path.c_str(), what);
    return s.Error(500, "the store could not answer this request");
}

// A header value may not carry a line break (a handler's mistake must not split the reply).
bool SafeHeader(const std::string& name, const std::string& value) {
    auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
    return !name.empty() && std::none_of(name.begin(), name.end(), bad) &&
           std::none_of(value.begin(), value.end(), bad);
}

//-----------------------------------------------------------------------------
// [SECTION] A connection: handshake, header, checks, body, handler, reply, close
//-----------------------------------------------------------------------------

using PlainStream = beast::tcp_stream;

const boost::system::error_category& HttpErrors() {
    return bhttp::make_error_code(bhttp::error::end_of_stream).category();
}
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection, on the I/O thread except while its handler runs on a worker (then no
// operation of its own is pending). Each step sets a total deadline for what it waits for.
template <class Stream>
class Conn : public std::enable_shared_from_this<Conn<Stream>> {
public:
    static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

    // tcp: the accepted connection, with its deadline running; buf: what was read already.
    Conn(Server::Impl& s, beast::tcp_stream tcp, beast::flat_buffer buf, std::string address, Slot slot)
        : S(s), St(MakeStream(s, std::move(tcp))), Buf(std::move(buf)), Address(std::move(address)),
          Held(std::move(slot)) {}

    void Start() {
        if constexpr (kTls) { // the handshake's deadline runs from the accept (TlsStart)
            St.async_handshake(ssl::stream_base::server, Buf.data(),
                               [self = this->shared_from_this()](beast::error_code ec, size_t used) {
                                   if (ec)
                                       return self->Close();
                                   self->Buf.consume(used);
                                   self->ReadHeader();
                               });
        } else {
            ReadHeader();
        }
    }

private:
    static Stream MakeStream(Server::Impl& s, beast::tcp_stream tcp) {
        if constexpr (kTls)
            return Stream(std::move(tcp), *s.Tls);
        else
            return tcp;
    }
    beast::tcp_stream& Lowest() { return beast::get_lowest_layer(St); }

    void ReadHeader() {
        Head.emplace();
        Head->header_limit(std::uint32_t(S.Opt.Limit.MaxHeaderBytes));
        // The route's limit is checked on the header (413). Not boost::none: Beast 1.74 compares
        // the length with the optional, and any length is more than none.
        Head->body_limit(std::numeric_limits<std::uint64_t>::max());
        Lowest().expires_after(S.Opt.Limit.HeaderTimeout);
        bhttp::async_read_header(St, Buf, *Head, [self = this->shared_from_this()](beast::error_code ec, size_t) {
            self->OnHeader(ec);
        });
    }

    void OnHeader(beast::error_code ec) {
        if (ec == bhttp::error::header_limit)
            return Refuse(431, "the request header is too large", true);
        if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || ec == beast::error::timeout ||
            ec == net::error::eof || ec == net::error::operation_aborted || (ec && ec.category() != HttpErrors()))
            return Close(); // gone, timed out, or a transport error: nobody to answer
        if (ec)
            return Refuse(400, "the request is not valid HTTP", true);
        const auto& h = Head->get();
        Version = h.version();
        KeepAlive = h.keep_alive();
        HasBody = Head->chunked() || Head->content_length().value_or(0) > 0;
        if (auto [status, why] = Check(); status != 0)
            return Refuse(status, why, HasBody);
        if (!HasBody)
            return Dispatch(std::string());
        if (IEquals(Trim(h[bhttp::field::expect]), "100-continue"))
            return Continue();
        ReadBody();
    }

    // What is refused on the header alone, before any body byte is read: {0, ""} passes.
    std::pair<int, std::string> Check() {
        const auto& h = Head->get();
        if (!S.AddrLimiter.Allow(Held.Key))
            return {429, "too many requests from this address; try again in a moment"};
        std::string_view target = h.target();
        Path = std::string(target.substr(0, target.find('?')));
        bool known = false;
        R = Match(S.Routes, h.method_string(), Path, &known);
        if (!R)
            return {known ? 405 : 404, known ? "this method is not allowed here" : "no such route"};
        if (HasBody) {
            const std::string_view te = Trim(h[bhttp::field::transfer_encoding]);
            const std::string_view ce = Trim(h[bhttp::field::content_encoding]);
            if ((!te.empty() && !IEquals(te, "chunked")) || (!ce.empty() && !IEquals(ce, "identity")))
                return {415, "a request body must be sent as is: no Content-Encoding (gzip, br, ...)"};
        }
        if (Head->content_length().value_or(0) > R->Options.MaxBody)
            return {413, "the request body may be at most " + std::to_string(R->Options.MaxBody) + " bytes"};
        return {0, ""};
    }

    // The client waits for a go-ahead before it sends the body (Expect: 100-continue).
    void Continue() {
        auto go = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, Version);
        Lowest().expires_after(S.Opt.Limit.WriteTimeout);
        bhttp::async_write(St, *go, [self = this->shared_from_this(), go](beast::error_code ec, size_t) {
            if (ec)
                return self->Close();
            self->ReadBody();
        });
    }

    void ReadBody() {
        Body.emplace(std::move(*Head));
        Head.reset();
        Body->body_limit(R->Options.MaxBody); // a chunked body is counted as it comes
        Buf.reserve(kBodyReadBuffer);
        Lowest().expires_after(S.Opt.Limit.BodyTimeout);
        bhttp::async_read(St, Buf, *Body, [self = this->shared_from_this()](beast::error_code ec, size_t) {
            if (ec == bhttp::error::body_limit)
                return self->Refuse(413, "the request body may be at most " +
                                             std::to_string(self->R->Options.MaxBody) + " bytes", true);
            if (ec)
                return self->Close(); // cut off, timed out or malformed: nothing is handled
            self->Dispatch(std::move(self->Body->get().body()));
        });
    }

    // The handler runs on a worker; its reply comes back to this connection's thread.
    void Dispatch(std::string body) {
        Request req;
        const auto& h = Body ? Body->get().base() : Head->get().base();
        req.Method = std::string(h.method_string());
        std::string_view target = h.target();
        const size_t q = target.find('?');
        req.Path = Path;
        req.Query = q == std::string_view::npos ? "" : std::string(target.substr(q + 1));
        req.Tail = R->Prefix ? req.Path.substr(R->Path.size()) : "";
        for (const auto& f : h)
            req.Headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
        req.Body = std::move(body);
        req.RemoteAddress = Address;
        req.IsTls = kTls;
        Head.reset();
        Body.reset();
        Lowest().expires_never(); // no deadline runs while the handler does
        net::post(*S.Pool, [self = this->shared_from_this(), req = std::move(req)]() mutable {
            Response res = RunHandler(self->S, *self->R, req);
            auto ex = self->St.get_executor();
            net::post(ex, [self = std::move(self), res = std::move(res)]() mutable {
                self->Write(std::move(res), !self->KeepAlive);
            });
        });
    }

    // A refusal from the layer itself; with the body unread, the connection closes after it.
    void Refuse(int status, const std::string& why, bool close) {
        Head.reset();
        Body.reset();
        Write(S.Error(status, why), close || !KeepAlive);
    }

    void Write(Response res, bool close) {
        auto msg = std::make_shared<bhttp::response<bhttp::string_body>>();
        msg->version(Version);
        msg->result(unsigned(res.Status));
        msg->set(bhttp::field::content_type, res.ContentType);
        for (const auto& [name, value] : res.Headers)
            if (SafeHeader(name, value))
                msg->insert(name, value);
        msg->body() = std::move(res.Body);
        msg->keep_alive(!close);
        msg->prepare_payload();
        Lowest().expires_after(S.Opt.Limit.WriteTimeout);
        bhttp::async_write(St, *msg, [self = this->shared_from_this(), msg, close](beast::error_code ec, size_t) {
            if (ec)
                return self->Close();
            if (close)
                return self->Linger();
            self->AwaitNext();
        });
    }

    // Keep-alive: the next request may wait up to the idle deadline for its first byte;
    // from there its header has the header deadline.
    void AwaitNext() {
        R = nullptr;
        if (Buf.size() > 0) // pipelined: the next request is already here
            return ReadHeader();
        Buf.shrink_to_fit();
        Lowest().expires_after(S.Opt.Limit.IdleTimeout);
        St.async_read_some(Buf.prepare(512), [self = this->shared_from_this()](beast::error_code ec, size_t n) {
            if (ec)
                return self->Close();
            self->Buf.commit(n);
            self->ReadHeader();
        });
    }

    // Closing after a reply: a socket closed with unread bytes sends a reset, which can
    // destroy the reply before the client reads it. So stop sending, and for a while
    // discard (never keep, never inflate) what still comes, then close.
    void Linger() {
        Lowest().expires_after(S.Opt.Limit.LingerTimeout);
        if constexpr (kTls) {
            St.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Close(); });
        } else {
            beast::error_code ignored;
            Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
            Drain();
        }
    }

    void Drain() {
        Buf.clear();
        St.async_read_some(Buf.prepare(16 * 1024), [self = this->shared_from_this()](beast::error_code ec, size_t n) {
            self->Drained += n;
            if (ec || self->Drained > kMaxDrain)
                return self->Close();
            self->Drain();
        });
    }

    void Close() {
        beast::error_code ignored;
        Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
        Lowest().close();
    }

    Server::Impl& S;
    Stream St;
    beast::flat_buffer Buf;
    std::optional<bhttp::request_parser<bhttp::empty_body>> Head; // the header, read first
    std::optional<bhttp::request_parser<bhttp::string_body>> Body; // then the body, if allowed
    const Route* R = nullptr;
    std::string Path;
    std::string Address;
    Slot Held;
    unsigned Version = 11;
    bool KeepAlive = false, HasBody = false;
    size_t Drained = 0;
};

//-----------------------------------------------------------------------------
// [SECTION] Accepting
//-----------------------------------------------------------------------------

// Over a connection cap: a short plain-HTTP 503 if the socket takes it at once, then close.
void TurnAway(Server::Impl& s, tcp::socket& socket) {
    static const char kBusy[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 5\r\n"
                                "Connection: close\r\n\r\n";
    if (!s.Tls)
        (void)::send(socket.native_handle(), kBusy, sizeof kBusy - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
    beast::error_code ignored;
    socket.close(ignored);
}

void Accept(Server::Impl& s);

// TLS: the first bytes are read on the bare socket, and only then is the TLS stream made:
// asio's TLS stream holds about 70 KB of buffers from its start, and a connection that
// sends nothing should cost no more than a plain one. The handshake's deadline counts
// from here.
void TlsStart(Server::Impl& s, beast::tcp_stream tcp, beast::flat_buffer buf, std::string address, Slot slot) {
    struct Pending {
        beast::tcp_stream Tcp;
        beast::flat_buffer Buf;
        std::string Address;
        Slot Held;
    };
    auto p = std::make_shared<Pending>(Pending{std::move(tcp), std::move(buf), std::move(address), std::move(slot)});
    p->Tcp.expires_after(s.Opt.Limit.HandshakeTimeout);
    p->Tcp.async_read_some(p->Buf.prepare(512), [&s, p](beast::error_code ec, size_t n) {
        if (ec)
            return p->Tcp.close();
        p->Buf.commit(n);
        std::make_shared<Conn<TlsStream>>(s, std::move(p->Tcp), std::move(p->Buf), std::move(p->Address),
                                          std::move(p->Held))
            ->Start();
    });
}

void OnAccepted(Server::Impl& s, tcp::socket socket) {
    beast::error_code ec;
    socket.set_option(tcp::no_delay(true), ec); // FACTS.md: delayed ACKs cost 28x
    const tcp::endpoint peer = socket.remote_endpoint(ec);
    if (ec)
        return; // already gone
    const net::ip::address addr = Unmapped(peer.address());
    std::string key = AddressKey(addr);
    if (!s.Conns.Acquire(key, s.Opt.Limit.MaxConnections, s.Opt.Limit.MaxConnectionsPerAddress))
        return TurnAway(s, socket);
    Slot slot(&s.Conns, std::move(key));
    beast::flat_buffer buf(kBodyReadBuffer);
    if (s.Tls)
        TlsStart(s, beast::tcp_stream(std::move(socket)), std::move(buf), addr.to_string(), std::move(slot));
    else
        std::make_shared<Conn<PlainStream>>(s, beast::tcp_stream(std::move(socket)), std::move(buf), addr.to_string(),
                                            std::move(slot))
            ->Start();
}

// Out of file descriptors or memory, accept fails at once again: wait a moment instead
// of spinning, and say so at most every 10 s.
void OnAcceptError(Server::Impl& s, const beast::error_code& ec) {
    const auto now = std::chrono::steady_clock::now();
    if (now - s.LastAcceptLog > std::chrono::seconds(10)) {
        fprintf(stderr, "wijkstem-store: cannot accept a connection: %s\n", ec.message().c_str());
        s.LastAcceptLog = now;
    }
    s.AcceptRetry.expires_after(std::chrono::milliseconds(100));
    s.AcceptRetry.async_wait([&s](beast::error_code wait_ec) {
        if (!wait_ec)
            Accept(s);
    });
}

void Accept(Server::Impl& s) {
    s.Acceptor.async_accept([&s](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !s.Acceptor.is_open())
            return;
        if (ec)
            return OnAcceptError(s, ec);
        try {
            OnAccepted(s, std::move(socket));
        } catch (const std::exception& e) { // no memory for one more connection: drop it
            fprintf(stderr, "wijkstem-store: cannot take a connection: %s\n", e.what());
        }
        Accept(s);
    });
}

//-----------------------------------------------------------------------------
// [SECTION] Listen, Run, Stop
//-----------------------------------------------------------------------------

// TLS 1.2 and 1.3 only; for 1.2 only ECDHE key exchange with AEAD ciphers (no static RSA,
// no CBC); TLS 1.3 keeps OpenSSL's default suites, which are all of that kind.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

bool SetUpTls(Server::Impl& s, std::string* error) {
    s.Tls.emplace(ssl::context::tls_server);
    SSL_CTX* ctx = s.Tls->native_handle();
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS); // an idle TLS connection keeps no record buffers
    if (SSL_CTX_set_cipher_list(ctx, kTls12Ciphers) != 1) {
        *error = "this OpenSSL has none of the TLS 1.2 ciphers the store allows";
        return false;
    }
    beast::error_code ec;
    s.Tls->use_certificate_chain_file(s.Opt.TlsCert, ec);
    if (!ec)
        s.Tls->use_private_key_file(s.Opt.TlsKey, ssl::context::pem, ec);
    if (ec || SSL_CTX_check_private_key(ctx) != 1) {
        *error = "cannot use the certificate " + s.Opt.TlsCert + " with the key " + s.Opt.TlsKey +
                 (ec ? " (" + ec.message() + ")" : " (they do not match)");
        return false;
    }
    return true;
}

bool Bind(Server::Impl& s, std::string* error) {
    beast::error_code ec;
    tcp::endpoint ep;
    net::ip::address addr = net::ip::make_address(s.Opt.Host, ec);
    if (!ec) {
        ep = tcp::endpoint(addr, (unsigned short)s.Opt.Port);
    } else { // a name such as localhost
        tcp::resolver resolver(s.Io);
        auto found = resolver.resolve(s.Opt.Host, std::to_string(s.Opt.Port), ec);
        if (ec || found.empty()) {
            *error = "cannot find the address " + s.Opt.Host;
            return false;
        }
        ep = found.begin()->endpoint();
    }
    s.Acceptor.open(ep.protocol(), ec);
    if (!ec)
        s.Acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec)
        s.Acceptor.bind(ep, ec);
    if (!ec)
        s.Acceptor.listen(kListenBacklog, ec);
    if (ec) {
        *error = "cannot listen on " + s.Opt.Host + ":" + std::to_string(s.Opt.Port) + " (" + ec.message() + ")";
        return false;
    }
    s.BoundPort = s.Acceptor.local_endpoint(ec).port();
    return true;
}

} // namespace

Server::Server(std::unique_ptr<Impl> impl) : I(std::move(impl)) {}

Server::~Server() = default;

std::unique_ptr<Server> Server::Listen(ServerOptions options, Router router, std::string* error) {
    try {
        if (options.TlsCert.empty() != options.TlsKey.empty()) {
            *error = "TLS needs both --tls-cert and --tls-key";
            return nullptr;
        }
        auto impl = std::make_unique<Impl>(std::move(options), std::move(router));
        if (!impl->Opt.TlsCert.empty() && !SetUpTls(*impl, error))
            return nullptr;
        FitFileLimit(&impl->Opt.Limit);
        if (!Bind(*impl, error))
            return nullptr;
        impl->Pool = std::make_unique<net::thread_pool>(std::max(1, impl->Opt.Workers));
        return std::unique_ptr<Server>(new Server(std::move(impl)));
    } catch (const std::exception& e) {
        *error = std::string("cannot start the server: ") + e.what();
        return nullptr;
    }
}

int Server::Port() const { return I->BoundPort; }

int Server::OpenConnections() const {
    std::lock_guard<std::mutex> lock(I->Conns.Mu);
    return I->Conns.Total;
}

bool Server::Run() {
    Impl& s = *I;
    bool ok = true;
    try {
        if (s.Opt.StopOnSignals) {
            std::signal(SIGPIPE, SIG_IGN);
            s.Signals.add(SIGINT);
            s.Signals.add(SIGTERM);
            s.Signals.async_wait([&s](beast::error_code ec, int) {
                if (!ec)
                    s.Io.stop();
            });
        }
        Accept(s);
        s.Io.run();
    } catch (const std::exception& e) {
        fprintf(stderr, "wijkstem-store: the server stopped: %s\n", e.what());
        ok = false;
    }
    beast::error_code ignored;
    s.Acceptor.close(ignored);
    s.Pool->stop(); // handlers that have not started never will; running ones finish
    s.Pool->join();
    return ok;
}

void Server::Stop() { I->Io.stop(); }

} // namespace store::http
