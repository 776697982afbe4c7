// The campfire meeting's records (kampvuurbijeenkomst, docs/campfire.md): a group
// session, its counted results and the agreements (afspraken) made in it, as the journal
// keeps them and the sync sends them. Campfire results never mix with walk-in answers: they
// live in their own tables, here and at the store. Plain data, no SQLite, no ImGui.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace wsync {

struct CampfireSessionRecord {
    std::string Id;          // UUID made at the kiosk
    std::string Name;        // what the facilitator called it ("Buurtavond Oosterpark")
    std::string Wijk;
    std::string HeldOn;      // YYYY-MM-DD
    int64_t Present = 0;     // people present, 1..99
    std::string PackId, PackVersion;
    std::string StartedAt;   // ISO 8601
    std::string EndedAt;     // ISO 8601; empty while the session runs
    int64_t Rev = 0;         // journal: the row's revision when read for sync
};

// How many of the group chose one option of one question (or matrix row).
struct CampfireResultRecord {
    std::string SessionId;
    std::string QuestionId;  // question id, or QUESTION.ROW for a matrix row
    std::string Value;       // option id
    int64_t Count = 0;       // votes tapped or hands counted, never below 0
    std::string Method;      // "taps" or "hands": how the count was last changed
    bool Final = false;      // sync: the session had ended when this was read
    int64_t Rev = 0;
};

struct AgreementRecord {
    std::string Id;          // UUID made at the kiosk
    std::string SessionId;   // empty: recorded outside a session
    std::string Wijk;
    std::string What;
    std::string Who;         // "wijk", "gemeente", "samen" or a named group ("wijkpanel")
    std::string Due;         // YYYY-MM-DD, or empty
    std::string Answers;     // the kompas zone id or witte-vlek question id it answers, or empty
    std::string Status = "open"; // "open", "bezig" (under way), "klaar" (done)
    std::string CreatedAt, UpdatedAt; // ISO 8601
    int64_t Rev = 0;
};

// What waits to go to the store (or what was sent, to be marked synced).
struct CampfireBatch {
    std::string DeviceId;
    std::vector<CampfireSessionRecord> Sessions;
    std::vector<CampfireResultRecord> Results;
    std::vector<AgreementRecord> Agreements;
    // From a USB file: its signed manifest's created_at ("" over the network). The store
    // ignores the campfire data of a file older than what it has (a replayed file).
    std::string FileCreatedAt{};
    bool Empty() const { return Sessions.empty() && Results.empty() && Agreements.empty(); }
    size_t Size() const { return Sessions.size() + Results.size() + Agreements.size(); }
};

} // namespace wsync
