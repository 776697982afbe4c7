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
    std::string Method;      // "taps" or "hands": how the count was last changed (a budget
                             // question: Count is the amount the group gave, set with + and -)
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
    std::string Status = "open"; // kAgreementStatuses; an older kiosk sends "klaar" for "gedaan"
    std::string CreatedAt, UpdatedAt; // ISO 8601
    int64_t Rev = 0;
    // Down-sync only (never sent up, never read from a kiosk): the note of the latest
    // change, the time and source of that change, and the session it was made in.
    std::string Note{}, StatusAt{}, StatusSource{}, SessionName{}, HeldOn{};
};

// The statuses an agreement can have (stap 3: carry out and evaluate): open, bezig (under
// way), gedaan (done), lukt-niet (did not work out).
inline constexpr const char* kAgreementStatuses[] = {"open", "bezig", "gedaan", "lukt-niet"};
bool IsAgreementStatus(const std::string& s);
// "klaar" (what kiosks before stap 3 sent for done) is "gedaan"; every other value as it is.
std::string NormalAgreementStatus(const std::string& s);

// One change of an agreement's status and note, by the facilitator at a later campfire
// meeting (Source: the kiosk's device id) or by the gebiedsteam at the store ("cli", or
// "console:USER"). Changes are kept, never overwritten: the one with the latest At wins
// (ties: the larger Id), and every one stays in the history.
struct AgreementChangeRecord {
    std::string Id;          // UUID made where the change was made
    std::string AgreementId;
    std::string Status;      // kAgreementStatuses
    std::string Note;        // what happened, in a few words; may be empty
    std::string At;          // ISO 8601, when it was changed
    std::string Source;      // who changed it; the store sets it for a kiosk's change
    int64_t Rev = 0;         // journal: its revision when read for sync
};
constexpr size_t kMaxAgreementNote = 500; // characters, at the kiosk and the store

// What the facilitator noted of the conversation about one question (or matrix row):
// arguments for and against, other views, what a minority thinks.
struct GroupNoteRecord {
    std::string SessionId;
    std::string QuestionId;  // question id, or QUESTION.ROW
    std::string Note;
    std::string UpdatedAt;   // ISO 8601
    int64_t Rev = 0;
};
constexpr size_t kMaxGroupNote = 1000; // characters

// What waits to go to the store (or what was sent, to be marked synced).
struct CampfireBatch {
    std::string DeviceId;
    std::vector<CampfireSessionRecord> Sessions{};
    std::vector<CampfireResultRecord> Results{};
    std::vector<AgreementRecord> Agreements{};
    // Since stap 3 (optional on the wire; an older store leaves them waiting).
    std::vector<AgreementChangeRecord> Changes{};
    std::vector<GroupNoteRecord> Notes{};
    // From a USB file: its signed manifest's created_at ("" over the network). The store
    // ignores the campfire data of a file older than what it has (a replayed file).
    std::string FileCreatedAt{};
    bool Empty() const { return Sessions.empty() && Results.empty() && Agreements.empty() && Changes.empty() && Notes.empty(); }
    size_t Size() const { return Sessions.size() + Results.size() + Agreements.size() + Changes.size() + Notes.size(); }
};

} // namespace wsync
