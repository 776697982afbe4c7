// The journal: every answer a resident gives, stored on the device the moment it is
// given (SQLite, WAL, synchronous=FULL), with a per-device sequence number made in the
// same transaction. Knows nothing of ImGui; the kiosk reaches it through effects.
#pragma once
#include "sync/campfire_records.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace wsync { // not "sync": that is a POSIX function in <unistd.h>

struct AnswerRecord {
    std::string SessionId;
    std::string PackId;
    std::string PackVersion;
    std::string QuestionId;
    std::string Value;
    std::string Lang;
    int64_t AnsweredAtMs = 0; // unix time, milliseconds
    bool Flagged = false;     // repeats the previous visit within seconds (anti-stuffing)
    std::string Replaces;     // the id of this visit's earlier answer it changes ("Terug"), or ""
};

struct CommittedAnswer {
    std::string Id; // UUIDv7
    int64_t Seq = 0;
};

struct Tally; // sync/batch.hpp
struct NewsItem; // sync/news.hpp

// One stored answer as it travels to the store.
struct StoredAnswer {
    std::string Id;
    int64_t Seq = 0;
    std::string SessionId;
    std::string PackId;
    std::string PackVersion;
    std::string QuestionId;
    std::string Value;
    std::string AnsweredAt; // ISO 8601
    bool Flagged = false;   // stored, but a repeat of the visit before (anti-stuffing)
    std::string Replaces{}; // the id of the answer this one changes (same device, session, question), or ""
    // Set by DecodeBatch when a field was missing or of the wrong type (a hostile-client
    // finding, issue 17); ValidAnswer then refuses the answer with this reason.
    std::string DecodeProblem{};
};

struct StoreLink {
    std::string Url;
    std::string Token;
    std::string Wijk;
    std::string CaPem; // a certificate to trust for https (empty: the system's)
};

struct JournalStatus {
    std::string DeviceId;
    int64_t Answers = 0;
    int64_t Sessions = 0;
    int64_t Waiting = 0;    // not yet acknowledged by a store
    std::string LastSync;   // ISO 8601, empty when never synced
    std::string LastSyncError;
    int64_t AnswersFlagged = 0;  // anti-stuffing: stored, but repeats of the visit before
    int64_t SessionsFlagged = 0; // visits with at least one flagged answer
    int64_t CampfireWaiting = 0;    // campfire sessions, results and agreements not yet at a store
};

// The facilitator's PIN attempts (sync/journal_admin.cpp).
struct PinAttemptCounts {
    int64_t Total = 0;
    int64_t Wrong = 0;        // checked and wrong
    int64_t WrongInARow = 0;  // wrong since the last right one (restores the delay after a restart)
};

class Journal {
public:
    // Opens (creating and migrating as needed) the journal at path. nullptr and a
    // message on failure.
    static std::unique_ptr<Journal> Open(const std::string& path, std::string* error);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    // Stores one answer in one transaction. True only after COMMIT returned; on
    // failure nothing is stored and *error says why.
    bool Commit(const AnswerRecord& answer, CommittedAnswer* out, std::string* error);
    // Several answers (the rows of a matrix) in one transaction: all or none.
    bool Commit(const std::vector<AnswerRecord>& answers, std::vector<CommittedAnswer>* out, std::string* error);

    bool Status(JournalStatus* out, std::string* error);

    // How often each stored value was given for a question, most frequent first
    // (for "zo antwoordde de wijk tot nu toe").
    bool Tally(const std::string& question_id, std::vector<std::pair<std::string, int64_t>>* out,
               std::string* error);

    // --- sync ---
    // Answers not yet acknowledged by a store, oldest first: at most max_count, and at
    // most about max_bytes of content.
    bool Waiting(size_t max_count, size_t max_bytes, std::vector<StoredAnswer>* out, std::string* error);
    // Marks the answers with these sequence numbers synced, in one transaction. By seq,
    // not by id: a batch is mostly one run of numbers, and one range update costs half
    // of 1000 lookups by id (docs/performance.md). A seq names one answer for good.
    bool MarkSynced(std::vector<int64_t> seqs, std::string* error);
    // The store does not have these (restored from a backup, or a gap): send them again.
    // Marks synced answers with seq > have_up_to, or in missing, as waiting. Returns how many.
    int64_t ResendMissing(int64_t have_up_to, const std::vector<int64_t>& missing, std::string* error);
    // Deletes answers a store acknowledged more than `days` days ago (retention).
    int64_t PruneSynced(int days, std::string* error);
    // Remembers how the last sync round went (ok: the time; else the error in words).
    bool RecordSync(bool ok, const std::string& error_text, std::string* error);
    bool SetStore(const StoreLink& link, std::string* error);
    // The whole wijk's results from the store, replacing the last ones (Tally uses them).
    bool SetWijkResults(const std::vector<wsync::Tally>& results, std::string* error);
    // The wijk's updates for residents (sync/journal_news.cpp), checked by DecodeContent,
    // replacing the last ones; News reads them back, newest first.
    bool SetNews(const std::vector<NewsItem>& items, std::string* error);
    bool News(std::vector<NewsItem>* out, std::string* error);
    bool GetStore(StoreLink* out); // false when not enrolled
    // The device's Ed25519 key pair (hex), made on first use.
    bool SigningKey(std::string* public_hex, std::string* secret_hex, std::string* error);
    // --- the facilitator's PIN (sync/journal_admin.cpp) ---
    // Stores the PIN's salted hash (never the PIN), replacing the one before.
    bool SetPinHash(const std::string& hash, std::string* error);
    bool GetPinHash(std::string* hash); // false when no PIN is set
    // One attempt: its time and result ("ok", "wrong", "delayed"); never the digits.
    bool LogPinAttempt(const std::string& result, std::string* error);
    bool PinAttempts(PinAttemptCounts* out, std::string* error);

    // --- campfire meetings (sync/journal_campfire.cpp) ---
    // Each change bumps the row's revision (rev); a store's acknowledgement of a revision
    // sets synced_rev. A row waits while rev > synced_rev, so a change made while a sync
    // round is under way is never lost by that round's acknowledgement.
    // Stores a new session, or its changed fields.
    bool SaveCampfireSession(const CampfireSessionRecord& session, std::string* error);
    // Ends a session (ended_at); its results are sent again as final (docs/campfire.md).
    bool EndCampfireSession(const std::string& id, const std::string& ended_at, std::string* error);
    // Stores counts (each the new total for its option), all in one transaction.
    bool SaveCampfireCounts(const std::vector<CampfireResultRecord>& counts, std::string* error);
    // Stores a new agreement, or its changed fields (status, ...).
    bool SaveAgreement(const AgreementRecord& agreement, std::string* error);
    // A session's results and agreements as stored (export, tests).
    bool CampfireResults(const std::string& session_id, std::vector<CampfireResultRecord>* out, std::string* error);
    bool Agreements(const std::string& session_id, std::vector<AgreementRecord>* out, std::string* error);
    // Rows a store has not acknowledged in their latest revision: at most max_items in all,
    // sessions first (a store needs a session before its results).
    bool CampfireWaiting(size_t max_items, CampfireBatch* out, std::string* error);
    // Marks each row of acknowledged synced in the revision it carries, in one transaction.
    bool MarkCampfireSynced(const CampfireBatch& acknowledged, std::string* error);

    const std::string& DeviceId() const { return Device; }
    sqlite3* Handle() { return Db; } // for tests and benchmarks

    static constexpr int kSchemaVersion = 9;

private:
    Journal() = default;
    bool Prepare(std::string* error);

    sqlite3* Db = nullptr;
    std::string Device;
    sqlite3_stmt* NextSeq = nullptr;
    sqlite3_stmt* InsertSession = nullptr;
    sqlite3_stmt* InsertAnswer = nullptr;
};

// The default data folder: $XDG_DATA_HOME/wijkstem, else ~/.local/share/wijkstem.
std::string DefaultDataDir();
// Creates dir and its parents. False and a message on failure.
bool MakeDirs(const std::string& dir, std::string* error);
std::string JournalPath(const std::string& data_dir); // DIR/journal.sqlite

} // namespace wsync
