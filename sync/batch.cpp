#include "sync/batch.hpp"
#include "sync/uuid.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace wsync {

using nlohmann::json;

const char* AnswerStatusName(AnswerStatus s) {
    switch (s) {
    case AnswerStatus::Stored: return "stored";
    case AnswerStatus::AlreadyStored: return "already_stored";
    case AnswerStatus::Conflict: return "conflict";
    case AnswerStatus::Invalid: return "invalid";
    }
    return "?";
}

std::string EncodeBatch(const Batch& b) {
    json answers = json::array();
    for (const StoredAnswer& a : b.Answers)
        answers.push_back({{"id", a.Id},
                           {"seq", a.Seq},
                           {"session_id", a.SessionId},
                           {"pack_id", a.PackId},
                           {"pack_version", a.PackVersion},
                           {"question_id", a.QuestionId},
                           {"value", a.Value},
                           {"answered_at", a.AnsweredAt}});
    return json{{"device_id", b.DeviceId}, {"answers", answers}}.dump();
}

bool ValidAnswer(const StoredAnswer& a, std::string* reason) {
    auto bad = [&](const char* why) {
        *reason = why;
        return false;
    };
    if (!IsUuid(a.Id))
        return bad("id is not a UUID");
    if (a.Seq < 1)
        return bad("seq must be 1 or more");
    if (!IsUuid(a.SessionId))
        return bad("session_id is not a UUID");
    if (a.PackId.empty() || a.PackVersion.empty() || a.QuestionId.empty())
        return bad("pack_id, pack_version and question_id must not be empty");
    if (a.Value.size() > 4000)
        return bad("value is longer than 4000 bytes");
    if (a.AnsweredAt.size() < 20 || a.AnsweredAt[4] != '-' || a.AnsweredAt[10] != 'T')
        return bad("answered_at is not an ISO 8601 time");
    return true;
}

bool DecodeBatch(const std::string& body, Batch* out, std::string* error) {
    // nlohmann rejects invalid UTF-8 in strings, so a batch that parses is valid UTF-8.
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        *error = "the body is not a JSON object (or not valid UTF-8)";
        return false;
    }
    if (!j.contains("device_id") || !j["device_id"].is_string() || !IsUuid(j["device_id"].get<std::string>())) {
        *error = "device_id is missing or not a UUID";
        return false;
    }
    if (!j.contains("answers") || !j["answers"].is_array()) {
        *error = "answers is missing or not a list";
        return false;
    }
    if (j["answers"].size() > kMaxBatchAnswers) {
        *error = "a batch holds at most " + std::to_string(kMaxBatchAnswers) + " answers";
        return false;
    }
    out->DeviceId = j["device_id"];
    out->Answers.clear();
    for (const json& a : j["answers"]) {
        auto str = [&](const char* k) { return a.contains(k) && a[k].is_string() ? a[k].get<std::string>() : ""; };
        if (!a.is_object()) {
            *error = "each answer must be an object";
            return false;
        }
        StoredAnswer s{str("id"), a.contains("seq") && a["seq"].is_number_integer() ? a["seq"].get<int64_t>() : 0,
                       str("session_id"), str("pack_id"), str("pack_version"), str("question_id"), str("value"),
                       str("answered_at")};
        out->Answers.push_back(std::move(s));
    }
    return true;
}

std::string EncodeReply(const std::vector<AnswerResult>& results) {
    json list = json::array();
    for (const AnswerResult& r : results) {
        json e = {{"id", r.Id}, {"status", AnswerStatusName(r.Status)}};
        if (!r.Reason.empty())
            e["reason"] = r.Reason;
        list.push_back(e);
    }
    return json{{"store", kStoreMarker}, {"results", list}}.dump();
}

bool DecodeReply(const std::string& body, const Batch& sent, std::vector<AnswerResult>* out, std::string* error) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("store") || j["store"] != kStoreMarker) {
        *error = "the reply is not from a Wijkstem store (a login page or proxy in between?)";
        return false;
    }
    if (!j.contains("results") || !j["results"].is_array() || j["results"].size() != sent.Answers.size()) {
        *error = "the store's reply does not list every answer sent";
        return false;
    }
    std::set<std::string> ids;
    for (const StoredAnswer& a : sent.Answers)
        ids.insert(a.Id);
    out->clear();
    for (const json& r : j["results"]) {
        if (!r.is_object() || !r.contains("id") || !r["id"].is_string() || !ids.count(r["id"].get<std::string>()) ||
            !r.contains("status") || !r["status"].is_string()) {
            *error = "the store's reply names an answer that was not sent";
            return false;
        }
        AnswerResult res;
        res.Id = r["id"];
        const std::string status = r["status"];
        if (status == "stored")
            res.Status = AnswerStatus::Stored;
        else if (status == "already_stored")
            res.Status = AnswerStatus::AlreadyStored;
        else if (status == "conflict")
            res.Status = AnswerStatus::Conflict;
        else
            res.Status = AnswerStatus::Invalid;
        if (r.contains("reason") && r["reason"].is_string())
            res.Reason = r["reason"];
        out->push_back(std::move(res));
    }
    return true;
}

std::string EncodeContent(const WijkContent& c) {
    json results = json::array();
    for (const Tally& t : c.Results)
        results.push_back({t.QuestionId, t.Value, t.Count});
    json pack = c.PackBody.empty() ? json()
                                   : json{{"id", c.PackId}, {"version", c.PackVersion}, {"body", c.PackBody}};
    return json{{"store", kStoreMarker}, {"wijk", c.Wijk},         {"pack", pack},
                {"results", results},    {"device_max_seq", c.DeviceMaxSeq}, {"missing_seqs", c.MissingSeqs}}
        .dump();
}

bool DecodeContent(const std::string& body, WijkContent* out, std::string* error) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("store", "") != kStoreMarker || !j.contains("results") ||
        !j["results"].is_array() || !j.contains("wijk") || !j["wijk"].is_string()) {
        *error = "the content reply is not from a Wijkstem store";
        return false;
    }
    *out = {};
    out->Wijk = j["wijk"];
    const json& pack = j.contains("pack") ? j["pack"] : json();
    if (pack.is_object()) {
        if (!pack.contains("id") || !pack["id"].is_string() || !pack.contains("version") ||
            !pack["version"].is_string() || !pack.contains("body") || !pack["body"].is_string()) {
            *error = "the store's pack has no id, version or body";
            return false;
        }
        out->PackId = pack["id"];
        out->PackVersion = pack["version"];
        out->PackBody = pack["body"];
    }
    if (j.contains("device_max_seq") && j["device_max_seq"].is_number_integer())
        out->DeviceMaxSeq = j["device_max_seq"];
    if (j.contains("missing_seqs") && j["missing_seqs"].is_array())
        for (const json& m : j["missing_seqs"])
            if (m.is_number_integer())
                out->MissingSeqs.push_back(m);
    for (const json& r : j["results"]) {
        if (!r.is_array() || r.size() != 3 || !r[0].is_string() || !r[1].is_string() || !r[2].is_number_integer()) {
            *error = "the store's results are malformed";
            return false;
        }
        out->Results.push_back({r[0], r[1], r[2]});
    }
    return true;
}

} // namespace wsync