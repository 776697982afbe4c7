// The municipal store's database: enrolment codes, devices with hashed tokens, and every
// answer once (a unique key on its id). No HTTP here: http_server.cpp puts this on the
// network, main.cpp on the command line.
#pragma once
#include "sync/batch.hpp"
#include "sync/campfire_batch.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

struct sqlite3;

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

// Thread-safe: every method that touches the database holds Mu.
class Store {
public:
    static std::unique_ptr<Store> Open(const std::string& path, std::string* error);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // A one-time code for a kiosk in wijk (printed once; only its hash is kept).
    bool NewEnrollCode(const std::string& wijk, std::string* code, std::string* error);
    // Exchanges a code for a token for device_id (its public key is registered).
    // false with *forbidden when the code is unknown or used.
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

    bool Devices(std::vector<DeviceInfo>* out, std::string* error);
    // The pack for a wijk (validated by the caller); replaces the one before.
    bool Publish(const std::string& wijk, const std::string& pack_id, const std::string& version,
                 const std::string& body, std::string* error);
    bool ContentFor(const std::string& device_id, wsync::WijkContent* out, std::string* error);
    // One row per answer, header first.
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
    bool Packs(std::vector<PublishedPack>* out, std::string* error);
    bool PackOf(const std::string& wijk, PublishedPack* out);
    // Per kiosk: when it last fetched its content (the end of every sync round; "" never)
    // and the pack version of its latest answer.
    struct DeviceExtra {
        std::string DeviceId, LastSync, PackVersion;
    };
    bool DeviceExtras(std::vector<DeviceExtra>* out, std::string* error);

    int64_t AnswerCount();
    int64_t ConflictCount();
    sqlite3* Handle() { return Db; }

private:
    Store() = default;
    sqlite3* Db = nullptr;
    // One connection, many server threads: a transaction must not interleave with another
    // thread's statements ("cannot start a transaction within a transaction").
    std::mutex Mu;
};

} // namespace store
