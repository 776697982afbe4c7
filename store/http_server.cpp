#include "store/http_server.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

using nlohmann::json;

http::Response Reply(int status, json body) {
    body["store"] = kStoreMarker;
    http::Response res;
    res.Status = status;
    res.ContentType = "application/json";
    res.Body = body.dump();
    return res;
}

http::Response Json(std::string body) {
    http::Response res;
    res.ContentType = "application/json";
    res.Body = std::move(body);
    return res;
}

// A 500 says what could not be done, never why (SQLite's text stays in the log).
http::Response Failed(const std::string& what, const std::string& detail) {
    fprintf(stderr, "wijkstem-store: %s: %s\n", what.c_str(), detail.c_str());
    return JsonError(500, "the store could not " + what);
}

std::string BearerToken(const http::Request& req) {
    std::string_view h = http::HeaderValue(req, "Authorization");
    return h.rfind("Bearer ", 0) == 0 ? std::string(h.substr(7)) : "";
}

// The device a request speaks for, or the refusal (401, 429 per device).
bool Authorized(Store& store, RateLimiter& limiter, const http::Request& req, std::string* device,
                http::Response* refusal) {
    if (!store.Authenticate(BearerToken(req), device)) {
        *refusal = JsonError(401, "a valid device token is needed (wijkstem enroll)");
        return false;
    }
    if (!limiter.Allow(*device)) {
        *refusal = JsonError(429, "too many requests from this device; try again in a moment");
        return false;
    }
    return true;
}

http::Response Enroll(Store& store, RateLimiter& limiter, const http::Request& req) {
    if (!limiter.Allow("enroll:" + req.RemoteAddress))
        return JsonError(429, "too many requests; try again in a moment");
    json j = json::parse(req.Body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("code") || !j["code"].is_string() ||
        !j.contains("device_id") || !j["device_id"].is_string() || !j.contains("public_key") ||
        !j["public_key"].is_string() || j["public_key"].get<std::string>().size() != 64)
        return JsonError(400, "an enrolment needs code, device_id and a 64-hex-digit public_key");
    std::string token, wijk, error;
    if (!CheckEnrollment(j["device_id"], j["public_key"], &error)) // malformed: 400, not 403
        return JsonError(400, error);
    bool forbidden = false;
    if (!store.Enroll(j["code"], j["device_id"], j["public_key"], &token, &wijk, &forbidden, &error))
        return forbidden ? JsonError(403, error) : Failed("enrol the device", error);
    fprintf(stderr, "wijkstem-store: enrolled device %s in %s\n", j["device_id"].get<std::string>().c_str(),
            wijk.c_str());
    return Reply(200, {{"token", token}, {"wijk", wijk}});
}

http::Response Content(Store& store, RateLimiter& limiter, const http::Request& req) {
    std::string device, error;
    http::Response refusal;
    if (!Authorized(store, limiter, req, &device, &refusal))
        return refusal;
    WijkContent content;
    if (!store.ContentFor(device, &content, &error))
        return Failed("read the wijk's content", error);
    return Json(EncodeContent(content));
}

http::Response Answers(Store& store, RateLimiter& limiter, const http::Request& req) {
    std::string device, error;
    http::Response refusal;
    if (!Authorized(store, limiter, req, &device, &refusal))
        return refusal;
    Batch batch;
    if (!DecodeBatch(req.Body, &batch, &error))
        return JsonError(400, error);
    if (batch.DeviceId != device)
        return JsonError(403, "this token belongs to another device");
    if (store.OverQuota(device)) // far above any real kiosk's hour
        return JsonError(429, "this device sent more answers this hour than a kiosk can; try again later");
    std::vector<AnswerResult> results;
    if (!store.StoreBatch(batch, "network", &results, &error))
        return Failed("save the batch; nothing was stored", error);
    return Json(EncodeReply(results));
}

// Campfire meetings: group sessions, results and agreements (docs/sync-protocol.md).
http::Response Campfire(Store& store, RateLimiter& limiter, const http::Request& req) {
    std::string device, error;
    http::Response refusal;
    if (!Authorized(store, limiter, req, &device, &refusal))
        return refusal;
    CampfireBatch batch;
    if (!DecodeCampfireBatch(req.Body, &batch, &error))
        return JsonError(400, error);
    if (batch.DeviceId != device)
        return JsonError(403, "this token belongs to another device");
    if (store.OverQuota(device))
        return JsonError(429, "this device sent more items this hour than a kiosk can; try again later");
    CampfireReply reply;
    if (!store.StoreCampfireBatch(batch, "network", &reply, &error))
        return Failed("save the campfire data; nothing was stored", error);
    return Json(EncodeCampfireReply(reply));
}

} // namespace

http::Response JsonError(int status, const std::string& why) { return Reply(status, {{"error", why}}); }

void AddKioskRoutes(http::Router& r, Store& store, RateLimiter& limiter) {
    // A batch may be 1 MiB (kMaxBatchBytes); the slack is for a batch near it that grows a
    // little (escapes) on its way. Beyond it: 413, before the body is read.
    const http::RouteOptions batch{kMaxBatchBytes + 64 * 1024};
    const http::RouteOptions small{64 * 1024};
    http::Add(r, "GET", "/v1/health", [](const http::Request&) { return Reply(200, {{"ok", true}}); });
    http::Add(r, "POST", "/v1/enroll", [&](const http::Request& q) { return Enroll(store, limiter, q); }, small);
    http::Add(r, "GET", "/v1/content", [&](const http::Request& q) { return Content(store, limiter, q); });
    http::Add(r, "POST", "/v1/answers", [&](const http::Request& q) { return Answers(store, limiter, q); }, batch);
    http::Add(r, "POST", "/v1/group", [&](const http::Request& q) { return Campfire(store, limiter, q); }, batch);
}

// The console (store/console/) has its own plain structs: copied in and out here. Its
// cookies are scoped to /console/ and nothing under /v1/ reads them.
// A console-shaped handler (console or public page) as an HTTP handler.
http::Handler Adapt(const std::function<void(const console::ConsoleRequest&, console::ConsoleResponse*)>& fn) {
    return [&fn](const http::Request& req) {
        console::ConsoleRequest in;
        in.Method = req.Method;
        in.Path = req.Path;
        in.Query = req.Query;
        in.Body = req.Body;
        in.RemoteAddr = req.RemoteAddress;
        in.Tls = req.IsTls;
        for (const auto& [name, value] : req.Headers) {
            std::string lower = name;
            for (char& c : lower)
                c = char(tolower((unsigned char)c));
            in.Headers[lower] = value;
        }
        console::ConsoleResponse out;
        fn(in, &out);
        http::Response res;
        res.Status = out.Status;
        res.ContentType = out.ContentType;
        res.Body = std::move(out.Body);
        for (auto& h : out.Headers)
            res.Headers.push_back(std::move(h));
        return res;
    };
}

void AddConsoleRoutes(http::Router& r, const ServeOptions& opts) {
    // The public page of a wijk (store/console/public_page.hpp): no login, GET only.
    if (opts.Public)
        http::Add(r, "GET", "/wijk/*", Adapt(opts.Public));
    if (!opts.Console)
        return;
    const http::Handler handler = Adapt(opts.Console);
    const http::RouteOptions upload{2 * 1024 * 1024}; // a pack.json (the bundled one is 200 KB)
    for (const char* method : {"GET", "POST"}) {
        http::Add(r, method, "/console", handler, upload);
        http::Add(r, method, "/console/*", handler, upload);
    }
}

int Serve(Store& store, const ServeOptions& opts) {
    RateLimiter limiter(opts.RatePerSecond, opts.RatePerSecond * 2);
    http::Router router;
    AddKioskRoutes(router, store, limiter);
    AddConsoleRoutes(router, opts);
    http::ServerOptions o;
    o.Host = opts.Host;
    o.Port = opts.Port;
    o.TlsCert = opts.TlsCert;
    o.TlsKey = opts.TlsKey;
    o.Limit = opts.Limit;
    o.Workers = opts.Workers;
    o.StopOnSignals = true;
    o.ErrorReply = JsonError;
    std::string error;
    auto server = http::Server::Listen(std::move(o), std::move(router), &error);
    if (!server) {
        fprintf(stderr, "wijkstem-store: %s\n", error.c_str());
        return 1;
    }
    fprintf(stderr, "wijkstem-store: listening on %s://%s:%d\n", opts.TlsCert.empty() ? "http" : "https",
            opts.Host.c_str(), server->Port());
    return server->Run() ? 0 : 1;
}

} // namespace store
