// The kiosk's HTTP client against hostile stores (docs/security.md, finding 13): http://
// only to this machine, replies capped, on a real server on loopback.
#include "sync/client.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

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
    httplib::Server svr;
    const std::string big(kMaxReplyBytes + 1024, 'x');
    svr.Get("/big", [&](const httplib::Request&, httplib::Response& res) { res.set_content(big, "text/plain"); });
    svr.Get("/small", [&](const httplib::Request&, httplib::Response& res) { res.set_content("{}", "text/plain"); });
    const int port = svr.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    std::thread t([&] { svr.listen_after_bind(); });
    for (int i = 0; i < 200 && !svr.is_running(); i++)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    HttpResult ok = GetJson(base + "/small", "", 10);
    CHECK(ok.Status == 200);
    CHECK(ok.Body == "{}");
    HttpResult r = GetJson(base + "/big", "", 10);
    CHECK(r.Status == 0);
    CHECK(r.Body.size() <= kMaxReplyBytes);
    CHECK(r.Error.find("larger than") != std::string::npos);
    svr.stop();
    t.join();
}
