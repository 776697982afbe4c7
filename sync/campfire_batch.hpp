// The campfire part of the sync protocol (docs/sync-protocol.md, "Campfire meetings"):
// a request of group sessions, group results and agreements for POST /v1/group, and the
// store's reply with a status per item. Its own endpoint, so the answers' batch format
// and its hot path stay as they are. Pure: JSON in, values out.
#pragma once
#include "sync/batch.hpp"
#include "sync/campfire_records.hpp"

#include <string>
#include <vector>

namespace wsync {

constexpr size_t kMaxCampfireItems = 1000; // sessions, results and agreements in one request

// A result row has no id of its own: it is named by SESSION/QUESTION/VALUE.
std::string CampfireResultKey(const CampfireResultRecord& r);

// The store's answer, one status per item sent, in the order sent. The Id of a result's
// status is its CampfireResultKey.
struct CampfireReply {
    std::vector<AnswerResult> Sessions, Results, Agreements;
    // Since stap 3: one status per change and per note sent. A reply without these lists
    // (an older store) gives each the status invalid, so they stay waiting.
    std::vector<AnswerResult> Changes, Notes;
    bool HasStap3 = true; // the store writes the two lists
};
// A note has no id of its own either: SESSION/QUESTION.
std::string GroupNoteKey(const GroupNoteRecord& n);

std::string EncodeCampfireBatch(const CampfireBatch& batch);
// Parses and checks the shape of a request (the items themselves are checked by the
// store one by one, with the Valid* functions below): false and a reason otherwise.
bool DecodeCampfireBatch(const std::string& body, CampfireBatch* out, std::string* error);

std::string EncodeCampfireReply(const CampfireReply& reply);
// Parses the store's reply to `sent`: exactly one status per item sent, same ids, same
// order. Anything else (another server, a cut-off body) is an error.
bool DecodeCampfireReply(const std::string& body, const CampfireBatch& sent, CampfireReply* out, std::string* error);

// The store's checks of one item: false and a reason a person understands.
bool ValidCampfireSession(const CampfireSessionRecord& g, std::string* reason);
bool ValidCampfireResult(const CampfireResultRecord& r, std::string* reason);
bool ValidAgreement(const AgreementRecord& a, std::string* reason);
bool ValidAgreementChange(const AgreementChangeRecord& c, std::string* reason);
bool ValidGroupNote(const GroupNoteRecord& n, std::string* reason);
// A note of a change: at most kMaxAgreementNote characters of clean text (may be empty).
bool ValidAgreementNote(const std::string& note, std::string* reason);
// Characters (code points) of valid UTF-8.
size_t Utf8Chars(const std::string& s);

// "YYYY-MM-DD" with a real month and day.
bool IsDate(const std::string& s);

} // namespace wsync
