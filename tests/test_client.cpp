// The kiosk's HTTP client against hostile stores (docs/security.md, finding 13): http://
// only to this machine, replies capped, on a real server on loopback.
#include "store/http.hpp"
#include "sync/client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

using namespace wsync;

TEST_CASE("security 13: http:// only to loopback, https anywhere, nothing else") {
    std::string why;
    CHECK(StoreUrlAllowed("https://store.groningen.nl:8480", &why));
    CHECK(StoreUrlAllowed("https://10.0.0.5", &why));
    CHECK(StoreUrlAllowed("http://127.0.0.1:8480", &why));
    CHECK(StoreUrlAllowed("http://127.8.9.10/", &why));
    CHECK(StoreUrlAllowed("http://localhost:8480/", &why));
    CHECK(StoreUrlAllowed("http://[::1]:8480", &why));
    CHECK(StoreUrlAllowed("HTTP://LOCALHOST", &why));

    CHECK_FALSE(StoreUrlAllowed("http://store.groningen.nl:8480", &why));
    CHECK(why.find("https") != std::string::npos);
    CHECK_FALSE(StoreUrlAllowed("http://10.0.0.5", &why));
    CHECK_FALSE(StoreUrlAllowed("http://127.0.0.1.evil.example/", &why));
    CHECK_FALSE(StoreUrlAllowed("http://127.0.0.1@evil.example/", &why));
    CHECK_FALSE(StoreUrlAllowed("http://localhost.evil.example", &why));
    CHECK_FALSE(StoreUrlAllowed("http://[::2]:80", &why));
    CHECK_FALSE(StoreUrlAllowed("http://1270.0.0.1", &why));
    CHECK_FALSE(StoreUrlAllowed("ftp://127.0.0.1", &why));
    CHECK_FALSE(StoreUrlAllowed("file:///etc/passwd", &why));
    CHECK_FALSE(StoreUrlAllowed("127.0.0.1:8480", &why));

    // The client itself refuses, before any connection.
    HttpResult r = GetJson("http://192.0.2.1:9/v1/health", "", 5);
    CHECK(r.Status == 0);
    CHECK(r.Error.find("https") != std::string::npos);
}

TEST_CASE("security 13: a reply larger than the cap is cut off as an error, not buffered") {
    namespace http = store::http;
    const std::string big(kMaxReplyBytes + 1024, 'x');
    http::Router router;
    http::Add(router, "GET", "/big", [&](const http::Request&) { return http::Text(200, big); });
    http::Add(router, "GET", "/small", [](const http::Request&) { return http::Text(200, "{}"); });
    http::ServerOptions o; // the store's own HTTP layer, on any free port of 127.0.0.1
    std::string error;
    auto svr = http::Server::Listen(std::move(o), std::move(router), &error);
    REQUIRE_MESSAGE(svr, error);
    const int port = svr->Port();
    std::thread t([&] { svr->Run(); });
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    HttpResult ok = GetJson(base + "/small", "", 10);
    CHECK(ok.Status == 200);
    CHECK(ok.Body == "{}");
    HttpResult r = GetJson(base + "/big", "", 10);
    CHECK(r.Status == 0);
    CHECK(r.Body.size() <= kMaxReplyBytes);
    CHECK(r.Error.find("larger than") != std::string::npos);
    svr->Stop();
    t.join();
}
