// The batch format between a kiosk and the store (docs/sync-protocol.md): a request of
// answers, and the store's reply with a status per answer. Pure: JSON in, values out.
#pragma once
#include "sync/journal.hpp"
#include "sync/news.hpp"

#include <string>
#include <vector>

namespace wsync {

constexpr size_t kMaxBatchAnswers = 1000;
constexpr size_t kMaxBatchBytes = 1024 * 1024;
constexpr const char* kStoreMarker = "wijkstem-store/1"; // every reply of the store carries it

struct Batch {
    std::string DeviceId;
    std::vector<StoredAnswer> Answers;
};

enum class AnswerStatus { Stored, AlreadyStored, Conflict, Invalid };
const char* AnswerStatusName(AnswerStatus s); // "stored", "already_stored", "conflict", "invalid"

struct AnswerResult {
    std::string Id;
    AnswerStatus Status = AnswerStatus::Invalid;
    std::string Reason; // for invalid
};

struct Tally {
    std::string QuestionId;
    std::string Value;
    int64_t Count = 0;
};

// Down-sync: what a kiosk gets back from the store, its wijk's pack and results.
struct WijkContent {
    std::string Wijk;
    std::string PackId, PackVersion, PackBody; // empty when nothing is published
    std::vector<Tally> Results;                // every kiosk of the wijk, per question and value
    // What the store holds of this device: its highest seq and the numbers missing under
    // it (at most 1000). A store restored from a backup asks for answers again this way.
    int64_t DeviceMaxSeq = 0;
    std::vector<int64_t> MissingSeqs;
    // Since stap 3 (optional; docs/sync-protocol.md): the wijk's agreements with their
    // current status and note, and every change of them (the history). With
    // HasAgreements false the store sent none (an older store): the kiosk keeps what it has.
    std::vector<AgreementRecord> Agreements{};
    std::vector<AgreementChangeRecord> AgreementChanges{};
    bool HasAgreements = false;
    std::vector<NewsItem> News; // the wijk's updates for residents, newest first (sync/news.hpp)
    std::string Place = "wijk"; // "wijk" or "dorp": the kind its texts are spelled for (an older store: none, a wijk)
};

std::string EncodeContent(const WijkContent& c);
bool DecodeContent(const std::string& body, WijkContent* out, std::string* error);

std::string EncodeBatch(const Batch& batch);
// Parses and checks a batch: false with a reason a person understands.
bool DecodeBatch(const std::string& body, Batch* out, std::string* error);

std::string EncodeReply(const std::vector<AnswerResult>& results);
// Parses the store's reply to `sent`. Anything that is not the store's own reply for
// exactly these answers (an HTML page with 200, a cut-off body) is an error.
bool DecodeReply(const std::string& body, const Batch& sent, std::vector<AnswerResult>* out, std::string* error);

// Checks one answer's fields (the store's validation).
bool ValidAnswer(const StoredAnswer& a, std::string* reason);

} // namespace wsync
