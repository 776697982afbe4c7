#include "store/http_server.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

using nlohmann::json;

constexpr int kListenBacklog = 512; // the kernel caps it at net.core.somaxconn (4096)

httplib::Server* g_server = nullptr;

void OnSignal(int) {
    if (g_server)
        g_server->stop();
}

void Reply(httplib::Response& res, int status, json body) {
    body["store"] = kStoreMarker;
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void Refuse(httplib::Response& res, int status, const std::string& why) { Reply(res, status, {{"error", why}}); }

// A token bucket per device: a kiosk that loops cannot flood the store.
struct RateLimiter {
    double Rate, Burst;
    std::mutex Mutex;
    struct Bucket {
        double Tokens;
        std::chrono::steady_clock::time_point At;
    };
    std::map<std::string, Bucket> Buckets;

    bool Allow(const std::string& key) {
        std::lock_guard<std::mutex> lock(Mutex);
        auto now = std::chrono::steady_clock::now();
        auto [it, fresh] = Buckets.try_emplace(key, Bucket{Burst, now});
        Bucket& b = it->second;
        if (!fresh)
            b.Tokens = std::min(Burst, b.Tokens + Rate * std::chrono::duration<double>(now - b.At).count());
        b.At = now;
        if (b.Tokens < 1.0)
            return false;
        b.Tokens -= 1.0;
        return true;
    }
};

std::string BearerToken(const httplib::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    return h.rfind("Bearer ", 0) == 0 ? h.substr(7) : "";
}

void Routes(httplib::Server& svr, Store& store, RateLimiter& limiter) {
    svr.Get("/v1/health", [](const httplib::Request&, httplib::Response& res) { Reply(res, 200, {{"ok", true}}); });

    svr.Post("/v1/enroll", [&](const httplib::Request& req, httplib::Response& res) {
        if (!limiter.Allow("enroll:" + req.remote_addr))
            return Refuse(res, 429, "too many requests; try again in a moment");
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("code") || !j["code"].is_string() ||
            !j.contains("device_id") || !j["device_id"].is_string() || !j.contains("public_key") ||
            !j["public_key"].is_string() || j["public_key"].get<std::string>().size() != 64)
            return Refuse(res, 400, "an enrolment needs code, device_id and a 64-hex-digit public_key");
        std::string token, wijk, error;
        if (!CheckEnrollment(j["device_id"], j["public_key"], &error)) // malformed: 400, not 403
            return Refuse(res, 400, error);
        bool forbidden = false;
        if (!store.Enroll(j["code"], j["device_id"], j["public_key"], &token, &wijk, &forbidden, &error))
            return Refuse(res, forbidden ? 403 : 500, error);
        fprintf(stderr, "wijkstem-store: enrolled device %s in %s\n", j["device_id"].get<std::string>().c_str(),
                wijk.c_str());
        Reply(res, 200, {{"token", token}, {"wijk", wijk}});
    });

    svr.Get("/v1/content", [&](const httplib::Request& req, httplib::Response& res) {
        std::string device, error;
        if (!store.Authenticate(BearerToken(req), &device))
            return Refuse(res, 401, "a valid device token is needed (wijkstem enroll)");
        if (!limiter.Allow(device))
            return Refuse(res, 429, "too many requests from this device; try again in a moment");
        WijkContent content;
        if (!store.ContentFor(device, &content, &error))
            return Refuse(res, 500, error);
        res.status = 200;
        res.set_content(EncodeContent(content), "application/json");
    });

    svr.Post("/v1/answers", [&](const httplib::Request& req, httplib::Response& res) {
        std::string device;
        if (!store.Authenticate(BearerToken(req), &device))
            return Refuse(res, 401, "a valid device token is needed (wijkstem enroll)");
        if (!limiter.Allow(device))
            return Refuse(res, 429, "too many requests from this device; try again in a moment");
        Batch batch;
        std::string error;
        if (!DecodeBatch(req.body, &batch, &error))
            return Refuse(res, 400, error);
        if (batch.DeviceId != device)
            return Refuse(res, 403, "this token belongs to another device");
        if (store.OverQuota(device)) // far above any real kiosk's hour
            return Refuse(res, 429, "this device sent more answers this hour than a kiosk can; try again later");
        std::vector<AnswerResult> results;
        if (!store.StoreBatch(batch, "network", &results, &error)) {
            fprintf(stderr, "wijkstem-store: %s\n", error.c_str());
            return Refuse(res, 500, "the store could not save the batch; nothing was stored");
        }
        res.status = 200;
        res.set_content(EncodeReply(results), "application/json");
    });

    // Campfire meetings: group sessions, results and agreements (docs/sync-protocol.md).
    svr.Post("/v1/group", [&](const httplib::Request& req, httplib::Response& res) {
        std::string device;
        if (!store.Authenticate(BearerToken(req), &device))
            return Refuse(res, 401, "a valid device token is needed (wijkstem enroll)");
        if (!limiter.Allow(device))
            return Refuse(res, 429, "too many requests from this device; try again in a moment");
        CampfireBatch batch;
        std::string error;
        if (!DecodeCampfireBatch(req.body, &batch, &error))
            return Refuse(res, 400, error);
        if (batch.DeviceId != device)
            return Refuse(res, 403, "this token belongs to another device");
        if (store.OverQuota(device))
            return Refuse(res, 429, "this device sent more items this hour than a kiosk can; try again later");
        CampfireReply reply;
        if (!store.StoreCampfireBatch(batch, "network", &reply, &error)) {
            fprintf(stderr, "wijkstem-store: %s\n", error.c_str());
            return Refuse(res, 500, "the store could not save the campfire data; nothing was stored");
        }
        res.status = 200;
        res.set_content(EncodeCampfireReply(reply), "application/json");
    });
}

} // namespace

int Serve(Store& store, const ServeOptions& opts) {
    std::unique_ptr<httplib::Server> svr;
    if (!opts.TlsCert.empty() || !opts.TlsKey.empty()) {
        if (opts.TlsCert.empty() || opts.TlsKey.empty()) {
            fprintf(stderr, "wijkstem-store: TLS needs both --tls-cert and --tls-key\n");
            return 2;
        }
        auto tls = std::make_unique<httplib::SSLServer>(opts.TlsCert.c_str(), opts.TlsKey.c_str());
        if (!tls->is_valid()) {
            fprintf(stderr, "wijkstem-store: cannot use the certificate %s with the key %s\n", opts.TlsCert.c_str(),
                    opts.TlsKey.c_str());
            return 1;
        }
        svr = std::move(tls);
    } else {
        svr = std::make_unique<httplib::Server>();
    }
    svr->set_tcp_nodelay(true);               // FACTS.md: 38 -> 1,086 requests/s
    svr->set_keep_alive_max_count(1000);
    svr->set_payload_max_length(kMaxBatchBytes + 64 * 1024); // beyond it: 413
    svr->set_read_timeout(30, 0);
    RateLimiter limiter{opts.RatePerSecond, opts.RatePerSecond * 2, {}, {}};
    Routes(*svr, store, limiter);
    svr->set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.status == 413)
            Refuse(res, 413, "a batch may be at most 1 MiB");
        else if (res.body.empty())
            Refuse(res, res.status, "no such route");
    });

    // Debian's cpp-httplib listens with a backlog of 5 (built into the library): 200 kiosks
    // connecting at once overflow it and wait seconds on SYN retries. Keep the listening
    // socket and raise its backlog after the bind; Linux lets listen() be called again.
    int listen_fd = -1;
    svr->set_socket_options([&listen_fd](socket_t sock) {
        httplib::default_socket_options(sock);
        listen_fd = int(sock);
    });

    g_server = svr.get();
    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
    if (!svr->bind_to_port(opts.Host.c_str(), opts.Port)) {
        fprintf(stderr, "wijkstem-store: cannot listen on %s:%d (in use, or not an address of this machine)\n",
                opts.Host.c_str(), opts.Port);
        return 1;
    }
    if (listen_fd >= 0 && ::listen(listen_fd, kListenBacklog) != 0)
        fprintf(stderr, "wijkstem-store: cannot raise the listen backlog: %s\n", strerror(errno));
    fprintf(stderr, "wijkstem-store: listening on %s://%s:%d\n", opts.TlsCert.empty() ? "http" : "https",
            opts.Host.c_str(), opts.Port);
    svr->listen_after_bind();
    g_server = nullptr;
    return 0;
}

} // namespace store
