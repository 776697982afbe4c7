// A small HTTP/1.1 server for the store (Boost.Beast over Asio; the Beast code stays in
// http.cpp). Plain structs for a request and a response, a router of (method, path or
// prefix) -> handler, and a server that is event-driven: one I/O thread holds every
// connection (a slow client costs a socket and a small buffer, never a thread) and the
// handlers run on a small worker pool, so a handler may block on the database.
//
// The limits are checked before the body is read (docs/sync-protocol.md, "Limits"):
// a total deadline for the header, for the body, for the TLS handshake; an idle deadline
// for keep-alive; a header size limit; 413 for an announced body over the route's limit;
// 415 for any Content-Encoding (nothing is ever inflated); a rate limit per address; caps
// on open connections, in all and per address.
//
// Adding a route:
//   http::Router r;
//   http::Add(r, "GET", "/v1/health", [](const http::Request&) { return http::Text(200, "ok"); });
//   http::Add(r, "POST", "/console/login", Login, {.MaxBody = 16 * 1024});
//   http::Add(r, "GET", "/wijk/*", WijkPage);  // a prefix: Request::Tail is what follows "/wijk/"
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace store::http {

using Fields = std::vector<std::pair<std::string, std::string>>; // name, value; in order, names as sent

struct Request {
    std::string Method;        // "GET", "POST", ...
    std::string Path;          // the target up to '?', still percent-encoded
    std::string Query;         // after '?', still encoded (ParseForm reads it)
    std::string Tail;          // for a prefix route: Path after the prefix (encoded)
    Fields Headers;            // as sent
    std::string Body;
    std::string RemoteAddress; // "203.0.113.7", "2001:db8::1"
    bool IsTls = false;
};

struct Response {
    int Status = 200;
    std::string ContentType = "text/plain; charset=utf-8";
    Fields Headers; // more headers: Set-Cookie (may repeat), Location, Cache-Control, ...
    std::string Body;
};

// A handler runs on a worker thread; it may block (SQLite). An exception it throws
// becomes a 500 with a generic text; the detail goes to stderr.
using Handler = std::function<Response(const Request&)>;

struct RouteOptions {
    size_t MaxBody = 64 * 1024; // a larger announced body gets 413 before any of it is read
};

struct Route {
    std::string Method;
    std::string Path; // exact, or a prefix when it was added with a trailing '*'
    bool Prefix = false;
    RouteOptions Options;
    Handler Run;
};

struct Router {
    std::vector<Route> Routes;
};

// path "/a/b" matches only itself; "/a/*" matches "/a/" and everything under it. An exact
// route wins over a prefix, a longer prefix over a shorter one.
void Add(Router& router, std::string method, std::string path, Handler handler, RouteOptions options = {});

// The route for (method, path), or nullptr; *path_known tells 405 from 404.
const Route* Match(const Router& router, std::string_view method, std::string_view path, bool* path_known);

// Helpers for handlers.
std::string_view HeaderValue(const Request& req, std::string_view name); // case-insensitive; "" if absent
std::string CookieValue(const Request& req, std::string_view name);
std::string PercentDecode(std::string_view s, bool plus_is_space); // bad escapes stay as they are
Fields ParseForm(std::string_view s);       // "a=1&b=x+y" (a form body or a query), decoded
std::string FormValue(const Fields& form, std::string_view name); // the first; "" if absent
Response Text(int status, std::string body);

struct Limits {
    using ms = std::chrono::milliseconds;
    ms HeaderTimeout{10000};    // the whole header, from the accept or the request's first byte
    ms BodyTimeout{30000};      // the whole body
    ms IdleTimeout{30000};      // a keep-alive connection with no request
    ms WriteTimeout{30000};     // the whole response
    ms HandshakeTimeout{10000}; // TLS
    ms LingerTimeout{2000};     // after an early reply: drain what the client still sends, then close
    size_t MaxHeaderBytes = 8192;
    int MaxConnections = 4096;
    int MaxConnectionsPerAddress = 256; // an IPv6 address counts by its /64
    double RatePerAddress = 50;         // requests per second, before anything else; 0: no limit
    double BurstPerAddress = 100;
    std::chrono::seconds RateIdleDrop{180}; // the rate table forgets an address idle this long
};

struct ServerOptions {
    std::string Host = "127.0.0.1";
    int Port = 0;                // 0: any free port (Server::Port says which)
    std::string TlsCert, TlsKey; // both or neither
    Limits Limit;
    int Workers = 2;             // threads that run handlers
    bool StopOnSignals = false;  // SIGINT and SIGTERM stop Run()
    // The body of the layer's own refusals (404, 405, 413, 415, 429, ...); text/plain if unset.
    std::function<Response(int status, const std::string& why)> ErrorReply;
};

class Server {
public:
    // Binds and listens (backlog 512). nullptr with *error when it cannot.
    static std::unique_ptr<Server> Listen(ServerOptions options, Router router, std::string* error);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int Port() const;
    // Serves until Stop() (or a signal with StopOnSignals); waits for running handlers.
    // false when the I/O loop failed (logged).
    bool Run();
    void Stop(); // from any thread
    int OpenConnections() const;

    struct Impl;

private:
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> I;
};

} // namespace store::http
