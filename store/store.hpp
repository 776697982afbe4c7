// The municipal store's database: enrolment codes, devices with hashed tokens, and every
// answer once (a unique key on its id). No HTTP here: http_server.cpp puts this on the
// network, main.cpp on the command line.
#pragma once
#include "store/db.hpp"
#include "store/pack_catalog.hpp"
#include "sync/batch.hpp"
#include "sync/campfire_batch.hpp"
#include "sync/news.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <functional>
#include <string>
#include <vector>

namespace store {

struct DeviceInfo {
    std::string Id;
    std::string Wijk;
    std::string PublicKey;
    std::string EnrolledAt;
    bool Revoked = false;
    int64_t Answers = 0;
    int64_t MaxSeq = 0;
    int64_t Missing = 0; // sequence numbers under MaxSeq the store has not seen
    int64_t Visits = 0;        // sessions with an answer
    int64_t VisitsFlagged = 0; // of those, with an answer the kiosk flagged as a repeat
    int64_t Unverified = 0;    // answers for a pack version the store does not know
};

// A person who may use the console (store/users.cpp). Role "admin" sees every wijk and
// manages users; "gebiedsteam" sees only Wijken. PasswordHash is libsodium's argon2id string.
struct ConsoleUser {
    std::string Name;
    std::string Role;
    std::vector<std::string> Wijken;
    std::string PasswordHash;
    std::string CreatedAt;
};

// A console session as the store keeps it: the id only as its BLAKE2b hash.
struct ConsoleSessionRow {
    std::string IdHash;
    std::string User;
    int64_t CreatedAt = 0; // unix seconds
    int64_t LastSeen = 0;
};

// The pack published for a wijk (store/users.cpp).
struct PublishedPack {
    std::string Wijk, PackId, Version, Body, PublishedAt;
};
// An enrolment code that can still be used (the code itself is never kept).
struct EnrollCodeInfo {
    std::string ShortId; // names the code for cancel-code
    std::string Wijk, CreatedAt, ExpiresAt;
};

constexpr int kEnrollCodeDays = 7;            // a code (and a re-enrolment allowance) expires after
constexpr int64_t kAnswersPerHour = 20000;    // per device: far above any real kiosk (docs/security.md)
constexpr int kMinGroup = 5;                  // counts of fewer answers never leave the store
constexpr int kMaxUnverifiedQuestions = 500;  // distinct question ids under one unknown pack version

// Enrolment input as the store accepts it: device_id a UUID (lowercase hex with dashes),
// public_key 64 lowercase hex digits that are a valid Ed25519 point. False and *why.
bool CheckEnrollment(const std::string& device_id, const std::string& public_key, std::string* why);

// Whether an ISO 8601 time (YYYY-MM-DDTHH:MM:SS...) lies between 2020-01-01 and a day after
// now_unix; false and *why otherwise.
bool PlausibleTime(const std::string& iso, int64_t now_unix, const std::string& field, std::string* why);

// Thread-safe: every method that touches the database holds Mu.
class Store {
public:
    static std::unique_ptr<Store> Open(const std::string& path, std::string* error);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // A one-time code for a kiosk in wijk (printed once; only its hash is kept), usable
    // for valid_days days.
    bool NewEnrollCode(const std::string& wijk, std::string* code, std::string* error,
                       int valid_days = kEnrollCodeDays);
    // The codes not used, cancelled or expired, oldest first.
    bool EnrollCodes(std::vector<EnrollCodeInfo>* out, std::string* error);
    // Cancels the open code with this short id (from EnrollCodes).
    bool CancelCode(const std::string& short_id, std::string* error);
    // Lets device_id enrol once more (a kiosk reinstalled, its journal lost), within
    // valid_days days. Without it an enrolled device id is never enrolled again.
    bool AllowReenroll(const std::string& device_id, int valid_days, std::string* error);
    // Exchanges a code for a token for device_id (its public key is registered).
    // false with *forbidden when the code is unknown, used or expired, when the device is
    // enrolled already and no admin allowed it again, or when device_id or public_key are
    // malformed (CheckEnrollment). Any other *error is words for a client, never SQLite's.
    bool Enroll(const std::string& code, const std::string& device_id, const std::string& public_key,
                std::string* token, std::string* wijk, bool* forbidden, std::string* error);
    // The device a token belongs to; false when no enrolled, unrevoked device has it.
    bool Authenticate(const std::string& token, std::string* device_id);
    bool Revoke(const std::string& device_id, std::string* error);
    bool Device(const std::string& device_id, DeviceInfo* out);

    // Stores a batch in one transaction and says, per answer, what became of it. The
    // statuses are only returned after COMMIT.
    bool StoreBatch(const wsync::Batch& batch, const std::string& via, std::vector<wsync::AnswerResult>* results,
                    std::string* error);

    // Stores a kiosk's campfire data (store/store_campfire.cpp) in one transaction, into the
    // tables group_sessions, group_results and agreements; one status per item, returned
    // only after COMMIT. Idempotent: the same item twice is stored once.
    bool StoreCampfireBatch(const wsync::CampfireBatch& batch, const std::string& via, wsync::CampfireReply* reply, std::string* error);

    // Stap 3 (store/agreements.cpp): a change of an agreement's status and note by the
    // gebiedsteam (c.Source "cli" or "console:USER"; c.Id and c.At are made here when empty).
    // Refused with *error when the change is not valid, the agreement does not exist, or
    // (wijken not empty) it is of none of those wijken.
    bool ChangeAgreement(wsync::AgreementChangeRecord c, const std::vector<std::string>& wijken, std::string* error);
    // The agreements of a wijk ("" every wijk) with their current status and note, and
    // their history (oldest first).
    bool Agreements(const std::string& wijk, std::vector<wsync::AgreementRecord>* list,
                    std::vector<wsync::AgreementChangeRecord>* history, std::string* error);

    bool Devices(std::vector<DeviceInfo>* out, std::string* error);

    // The packs installed with the store (content/packs/*): answers for them are checked
    // against them. Published packs are known from the database already.
    bool AddPackFolder(const std::string& dir, std::string* error, std::string* skipped);

    // A device's quota: at most per_hour new answers (and campfire items) an hour.
    // StoreBatch and StoreCampfireBatch count what they newly store over the network
    // ("already stored" is free: a flaky network resends); OverQuota says when this hour's
    // count has reached the quota, and the HTTP layer then answers 429 before storing.
    void SetQuota(int64_t per_hour);
    bool OverQuota(const std::string& device_id);
    // The pack for a wijk (validated by the caller); replaces the one before.
    bool Publish(const std::string& wijk, const std::string& pack_id, const std::string& version,
                 const std::string& body, std::string* error);
    bool ContentFor(const std::string& device_id, wsync::WijkContent* out, std::string* error);
    // One row per answer, header first, handed to write() a row at a time: memory stays
    // flat however many answers the store holds (issue 18). False, with the reason, when
    // write() refuses a row or the database fails part-way (the output is then incomplete).
    bool ExportCsv(const std::function<bool(const std::string& row)>& write, std::string* error);
    // The same, whole, in memory (the console's download of one wijk).
    bool ExportCsv(std::string* csv, std::string* error);
    // --- the console's tables (store/users.cpp) ---
    bool AddUser(const ConsoleUser& user, std::string* error); // false when the name is taken
    bool RemoveUser(const std::string& name, std::string* error);
    bool Users(std::vector<ConsoleUser>* out, std::string* error);
    bool FindUser(const std::string& name, ConsoleUser* out);
    bool SaveSession(const ConsoleSessionRow& row, std::string* error);
    bool FindSession(const std::string& id_hash, ConsoleSessionRow* out);
    bool TouchSession(const std::string& id_hash, int64_t now);
    bool DropSession(const std::string& id_hash);
    // Every wijk the store knows of: of kiosks, packs, enrolment codes and users.
    bool Wijken(std::vector<std::string>* out, std::string* error);
    // The wijk is one of Wijken(); false and *error ("the store knows no wijk ...") if not.
    bool KnowsWijk(const std::string& wijk, std::string* error);
    bool Packs(std::vector<PublishedPack>* out, std::string* error);
    bool PackOf(const std::string& wijk, PublishedPack* out);
    // Per kiosk: when it last fetched its content (the end of every sync round; "" never)
    // and the pack version of its latest answer.
    struct DeviceExtra {
        std::string DeviceId, LastSync, PackVersion;
    };
    bool DeviceExtras(std::vector<DeviceExtra>* out, std::string* error);

    // --- updates for residents and receipts (store/store_news.cpp) ---
    // Checks (NewsProblem, at most kMaxNewsSentences) and stores an update for item->Wijk;
    // makes its Id, and its Date today when empty.
    bool AddNews(wsync::NewsItem* item, std::string* error);
    // A wijk's updates, newest first (by date, then as added); every wijk's when wijk is "".
    bool News(const std::string& wijk, std::vector<wsync::NewsItem>* out, std::string* error);
    // Removes the update with this id; false and *error when there is none.
    bool RemoveNews(const std::string& id, std::string* error);
    // The day a visit with this receipt (sync/receipt.hpp, normalised) reached the store;
    // false when none did (yet).
    bool ReceiptReceived(const std::string& code, std::string* day);
    // What the public page /wijk/NAME shows (store/public_page.cpp): the wijk's results
    // (groups under kMinGroup left out, as for the kiosks), its pack (for the questions'
    // words), its agreements, its updates. False when the store knows no such wijk.
    struct PublicAgreement {
        std::string What, Who, Due, Status;
    };
    struct PublicWijk {
        std::string Wijk;
        content::Pack Pack; // the wijk's published pack, else the one of its newest answer (the words)
        std::vector<wsync::Tally> Results;
        std::vector<PublicAgreement> Agreements;
        std::vector<wsync::NewsItem> News;
        content::PlaceKind Place = content::PlaceKind::Wijk; // a dorp: the page says "het dorp"
    };
    bool PublicData(const std::string& wijk, PublicWijk* out, std::string* error);

    // --- a wijk or a dorp (store/store_places.cpp) ---
    // Sets the kind of a wijk the store knows; kiosks get it with their next sync.
    bool SetPlace(const std::string& wijk, content::PlaceKind kind, std::string* error);
    content::PlaceKind PlaceOf(const std::string& wijk);

    // Counts answer_counts (schema 6) and device_seqs (schema 8) anew from the answers, in one
    // transaction: only for answers that reached the table outside StoreBatch (a bulk fill).
    bool RebuildAnswerCounts(std::string* error);

    int64_t AnswerCount();
    int64_t ConflictCount();
    // The database underneath: for tests and the bench only (they run SQL of their own).
    db::Conn* Handle() { return Db; }

private:
    Store() = default;
    bool LoadPublishedPacks(std::string* error);
    bool LoadPublishedPack(const std::string& pack_id, const std::string& version);
    std::map<std::string, std::chrono::steady_clock::time_point> LookedUp; // "pack\nversion" asked for (Mu)
    void CountQuota(const std::string& device_id, int64_t n);
    // Mu held: the wijk's counts as kiosks get them; its updates, newest first.
    void WijkTalliesLocked(const std::string& wijk, std::vector<wsync::Tally>* out);
    void NewsLocked(const std::string& wijk, std::vector<wsync::NewsItem>* out);
    content::PlaceKind PlaceLocked(const std::string& wijk);
    // Inside StoreBatch's transaction: a receipt for each visit with an answer newly stored.
    bool NoteReceipts(const wsync::Batch& batch, const std::vector<wsync::AnswerResult>& results, std::string* error);
    std::unique_ptr<db::Conn> Owned;
    db::Conn* Db = nullptr; // Owned, or nothing
    PackCatalog Catalog; // guarded by Mu
    struct QuotaWindow {
        std::chrono::steady_clock::time_point Start;
        int64_t Count = 0;
    };
    std::mutex QuotaMu;
    int64_t QuotaPerHour = kAnswersPerHour;
    std::map<std::string, QuotaWindow> Quota;
    // One connection, many server threads: a transaction must not interleave with another
    // thread's statements ("cannot start a transaction within a transaction").
    std::mutex Mu;
};

} // namespace store
