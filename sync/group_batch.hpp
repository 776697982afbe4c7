// The campfire part of the sync protocol (docs/sync-protocol.md, "Campfire meetings"):
// a request of group sessions, group results and agreements for POST /v1/group, and the
// store's reply with a status per item. Its own endpoint, so the answers' batch format
// and its hot path stay as they are. Pure: JSON in, values out.
#pragma once
#include "sync/batch.hpp"
#include "sync/group_records.hpp"

#include <string>
#include <vector>

namespace wsync {

constexpr size_t kMaxGroupItems = 1000; // sessions, results and agreements in one request

// A result row has no id of its own: it is named by SESSION/QUESTION/VALUE.
std::string GroupResultKey(const GroupResultRecord& r);

// The store's answer, one status per item sent, in the order sent. The Id of a result's
// status is its GroupResultKey.
struct GroupReply {
    std::vector<AnswerResult> Sessions, Results, Agreements;
};

std::string EncodeGroupBatch(const GroupBatch& batch);
// Parses and checks the shape of a request (the items themselves are checked by the
// store one by one, with the Valid* functions below): false and a reason otherwise.
bool DecodeGroupBatch(const std::string& body, GroupBatch* out, std::string* error);

std::string EncodeGroupReply(const GroupReply& reply);
// Parses the store's reply to `sent`: exactly one status per item sent, same ids, same
// order. Anything else (another server, a cut-off body) is an error.
bool DecodeGroupReply(const std::string& body, const GroupBatch& sent, GroupReply* out, std::string* error);

// The store's checks of one item: false and a reason a person understands.
bool ValidGroupSession(const GroupSessionRecord& g, std::string* reason);
bool ValidGroupResult(const GroupResultRecord& r, std::string* reason);
bool ValidAgreement(const AgreementRecord& a, std::string* reason);

// "YYYY-MM-DD" with a real month and day.
bool IsDate(const std::string& s);

} // namespace wsync
