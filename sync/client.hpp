// The kiosk's side of sync: enrolment and sync rounds against a store over HTTP(S)
// (libcurl). Runs on the command line (wijkstem enroll, wijkstem sync) and, later, on
// the kiosk's sync thread with its own journal connection.
#pragma once
#include "sync/journal.hpp"

#include <string>

namespace wsync {

struct HttpResult {
    long Status = 0;   // 0: no answer at all
    std::string Body;
    std::string Error; // a transport error in words
};

// A store's reply is never larger (the content reply with a pack is about 200 KiB).
constexpr size_t kMaxReplyBytes = size_t(4) * 1024 * 1024;

// https:// to any host; http:// only to this machine (127.0.0.0/8, ::1, localhost), where
// nothing crosses a network. False and *why in words otherwise.
bool StoreUrlAllowed(const std::string& url, std::string* why);

// ca_pem: a certificate to trust besides the system's (a store with a municipal CA).
// Refused before connecting when !StoreUrlAllowed; a reply past kMaxReplyBytes is an error.
HttpResult PostJson(const std::string& url, const std::string& token, const std::string& body, long timeout_s,
                    const std::string& ca_pem = "");
HttpResult GetJson(const std::string& url, const std::string& token, long timeout_s, const std::string& ca_pem = "");

// Exchanges a one-time code for this device's token. *message says what happened.
bool EnrollDevice(Journal& journal, const std::string& store_url, const std::string& code, const std::string& ca_pem,
                  std::string* message);

struct SyncReport {
    int Batches = 0;
    int Stored = 0;
    int AlreadyStored = 0;
    int Conflicts = 0;
    int Invalid = 0;
    int64_t Left = 0;  // still waiting after the round
    std::string Error; // empty when the round went through
    std::string NewPack; // "id version" when the round installed a new pack
    std::string NewPlace; // "wijk" or "dorp" when the round changed the kind of place
    int64_t Resent = 0;  // answers the store did not have any more, marked to send again
    // Campfire data (group sessions, results, agreements): items the store took (stored or
    // already stored), refused (conflict, invalid), and still waiting after the round.
    int CampfireAcknowledged = 0;
    int CampfireRefused = 0;
    int64_t CampfireLeft = 0;
};

// Sends every waiting answer in batches, then the waiting campfire data (POST /v1/group); marks an answer synced only when the store
// acknowledged it (stored or already stored), in one local transaction per batch. Then
// fetches the wijk's pack and results: a new pack is validated and only then written
// to pack_dir/pack.json (a broken one is refused; the last good one stays).
bool SyncRound(Journal& journal, SyncReport* report, const std::string& pack_dir = "");

// Answers a store acknowledged stay on the kiosk this long, then a round deletes them.
constexpr int kRetentionDays = 30;

// The folder of the pack the store sent, under a data folder.
std::string DownloadedPackDir(const std::string& data_dir);
// In that folder: "wijk" or "dorp", as the store last said (none: a wijk).
constexpr const char* kPlaceFile = "place";

} // namespace wsync
