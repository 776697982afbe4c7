#include "sync/batch.hpp"
#include "sync/campfire_batch.hpp"
#include "sync/text_check.hpp"
#include "sync/uuid.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_set>

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

namespace {

// Batches are the hot path of a sync (1000 answers a request), so they are written and
// read without building a JSON tree: nlohmann's tree cost about 9 ms of a 1000-answer
// round trip (docs/performance.md). The other replies stay trees.

void AppendString(std::string& out, const std::string& s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += char(c); // UTF-8 passes as it is; the reader checks it
        }
    }
    out += '"';
}

void AppendField(std::string& out, const char* key, const std::string& value) {
    out += '"';
    out += key;
    out += "\":";
    AppendString(out, value);
}

// A SAX reader keeps only what it is told to keep. Returning false from a callback stops
// the parse; Error then says why (an empty Error means the JSON itself was broken).
struct Reader : nlohmann::json_sax<json> {
    std::string Error;
    int Depth = 0;
    bool Fail(std::string why) {
        if (Error.empty())
            Error = std::move(why);
        return false;
    }
    virtual bool Text(const std::string& s) = 0;
    virtual bool Integer(int64_t v) = 0;
    virtual bool Other() = 0; // null, bool, float, binary
    bool null() override { return Other(); }
    bool boolean(bool) override { return Other(); }
    bool number_integer(number_integer_t v) override { return Integer(v); }
    bool number_unsigned(number_unsigned_t v) override {
        return v > uint64_t(INT64_MAX) ? Other() : Integer(int64_t(v));
    }
    bool number_float(number_float_t, const string_t&) override { return Other(); }
    bool string(string_t& s) override { return Text(s); }
    bool binary(binary_t&) override { return Other(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

// The shape both messages have: a top-level object whose key ListKey holds a list of flat
// objects (the items). It keeps the place in the tree; a subclass keeps the values.
struct ListReader : Reader {
    const char* ListKey;
    const char* NotAnObject;     // the body is not an object
    const char* ItemNotAnObject; // an item of the list is not an object
    bool InList = false, SawList = false, InItem = false;
    std::string Top, Key; // the top-level key and the item's key being read
    ListReader(const char* list_key, const char* not_object, const char* item_not_object)
        : ListKey(list_key), NotAnObject(not_object), ItemNotAnObject(item_not_object) {}

    virtual bool BeginItem() = 0;
    virtual bool EndItem() { return true; }
    virtual void TopText(const std::string&) {}
    virtual void ItemText(const std::string&) {}
    virtual void ItemInteger(int64_t) {}
    virtual void ItemBool(bool) {}
    virtual void ItemOther() {} // null, a float, a list or an object as an item's value

    bool start_object(std::size_t) override {
        ++Depth;
        if (Depth == 3 && InList) {
            InItem = true;
            Key.clear();
            return BeginItem();
        }
        if (Depth == 4 && InItem)
            ItemOther();
        return true;
    }
    bool end_object() override {
        if (Depth == 3 && InList) {
            InItem = false;
            if (!EndItem())
                return false;
        }
        --Depth;
        return true;
    }
    bool start_array(std::size_t) override {
        ++Depth;
        if (Depth == 4 && InItem)
            ItemOther();
        if (Depth == 1)
            return Fail(NotAnObject);
        if (Depth == 3 && InList)
            return Fail(ItemNotAnObject);
        if (Depth == 2 && Top == ListKey)
            InList = SawList = true;
        return true;
    }
    bool end_array() override {
        if (Depth == 2)
            InList = false;
        --Depth;
        return true;
    }
    bool key(string_t& k) override {
        if (Depth == 1)
            Top = k;
        else if (Depth == 3 && InItem)
            Key = k;
        return true;
    }
    bool Scalar() {
        if (Depth == 0)
            return Fail(NotAnObject);
        if (Depth == 2 && InList)
            return Fail(ItemNotAnObject);
        return true;
    }
    bool Text(const std::string& s) override {
        if (!Scalar())
            return false;
        if (Depth == 1)
            TopText(s);
        else if (Depth == 3 && InItem)
            ItemText(s);
        return true;
    }
    bool Integer(int64_t v) override {
        if (!Scalar())
            return false;
        if (Depth == 3 && InItem)
            ItemInteger(v);
        return true;
    }
    bool boolean(bool v) override {
        if (!Scalar())
            return false;
        if (Depth == 3 && InItem)
            ItemBool(v);
        return true;
    }
    bool Other() override {
        if (Depth == 3 && InItem)
            ItemOther();
        return Scalar();
    }
};

// {"device_id": "...", "answers": [{"id": ..., "seq": ..., ...}, ...]}, keys in any order;
// a field that is missing or of the wrong type sets the answer's DecodeProblem, and
// ValidAnswer then refuses that answer (not the batch: the others are fine). Before, a value
// that was a number, null or missing was stored as "" (a hostile-client finding, issue 17).
struct BatchReader final : ListReader {
    Batch* Out;
    bool SawDevice = false;
    std::vector<std::string> Seen; // the current answer's fields read with their type
    explicit BatchReader(Batch* out)
        : ListReader("answers", "the body is not a JSON object", "each answer must be an object"), Out(out) {}

    static bool IsField(const std::string& k) {
        for (const char* f : {"id", "seq", "session_id", "pack_id", "pack_version", "question_id", "value", "answered_at",
                              "flagged", "replaces"})
            if (k == f)
                return true;
        return false;
    }
    // The answer's field Key came with the wrong type.
    void WrongType() {
        StoredAnswer& a = Out->Answers.back();
        if (a.DecodeProblem.empty() && IsField(Key))
            a.DecodeProblem = Key + " must be " +
                              (Key == "seq" ? "a whole number" : Key == "flagged" ? "true or false" : "a string");
    }
    bool BeginItem() override {
        if (Out->Answers.size() == kMaxBatchAnswers)
            return Fail("a batch holds at most " + std::to_string(kMaxBatchAnswers) + " answers");
        Out->Answers.emplace_back();
        Seen.clear();
        return true;
    }
    bool EndItem() override {
        StoredAnswer& a = Out->Answers.back();
        for (const char* f : {"id", "seq", "session_id", "pack_id", "pack_version", "question_id", "value", "answered_at"})
            if (a.DecodeProblem.empty() && std::find(Seen.begin(), Seen.end(), f) == Seen.end())
                a.DecodeProblem = std::string(f) + " is missing";
        return true;
    }
    void ItemOther() override { WrongType(); }
    void TopText(const std::string& s) override {
        if (Top == "device_id") {
            Out->DeviceId = s;
            SawDevice = true;
        }
    }
    void ItemText(const std::string& s) override {
        StoredAnswer& a = Out->Answers.back();
        std::string* field = Key == "id"             ? &a.Id
                             : Key == "session_id"   ? &a.SessionId
                             : Key == "pack_id"      ? &a.PackId
                             : Key == "pack_version" ? &a.PackVersion
                             : Key == "question_id"  ? &a.QuestionId
                             : Key == "value"        ? &a.Value
                             : Key == "answered_at"  ? &a.AnsweredAt
                             : Key == "replaces"     ? &a.Replaces
                                                     : nullptr;
        if (field) {
            *field = s;
            Seen.push_back(Key);
        } else {
            WrongType();
        }
    }
    void ItemInteger(int64_t v) override {
        if (Key == "seq") {
            Out->Answers.back().Seq = v;
            Seen.push_back(Key);
        } else {
            WrongType();
        }
    }
    void ItemBool(bool v) override {
        if (Key == "flagged")
            Out->Answers.back().Flagged = v;
        else
            WrongType();
    }
};

// {"store": "wijkstem-store/1", "results": [{"id": ..., "status": ..., "reason": ...}, ...]}
constexpr const char* kNotAReply = "the reply is not from a Wijkstem store (a login page or proxy in between?)";

struct ReplyReader final : ListReader {
    std::vector<AnswerResult>* Out;
    bool SawMarker = false;
    explicit ReplyReader(std::vector<AnswerResult>* out) : ListReader("results", kNotAReply, kNotAReply), Out(out) {}

    bool BeginItem() override {
        Out->emplace_back();
        Out->back().Status = AnswerStatus::Invalid;
        Out->back().Id.clear();
        return true;
    }
    bool EndItem() override {
        return !Out->back().Id.empty() || Fail("the store's reply names an answer that was not sent");
    }
    void TopText(const std::string& s) override {
        if (Top == "store")
            SawMarker = s == kStoreMarker;
    }
    void ItemText(const std::string& s) override {
        AnswerResult& r = Out->back();
        if (Key == "id")
            r.Id = s;
        else if (Key == "reason")
            r.Reason = s;
        else if (Key == "status")
            r.Status = s == "stored"           ? AnswerStatus::Stored
                       : s == "already_stored" ? AnswerStatus::AlreadyStored
                       : s == "conflict"       ? AnswerStatus::Conflict
                                               : AnswerStatus::Invalid;
    }
};

} // namespace

std::string EncodeBatch(const Batch& b) {
    std::string out;
    out.reserve(256 + b.Answers.size() * 260);
    out += '{';
    AppendField(out, "device_id", b.DeviceId);
    out += ",\"answers\":[";
    for (size_t i = 0; i < b.Answers.size(); i++) {
        const StoredAnswer& a = b.Answers[i];
        out += i ? ",{" : "{";
        AppendField(out, "id", a.Id);
        out += ",\"seq\":" + std::to_string(a.Seq) + ",";
        AppendField(out, "session_id", a.SessionId);
        out += ',';
        AppendField(out, "pack_id", a.PackId);
        out += ',';
        AppendField(out, "pack_version", a.PackVersion);
        out += ',';
        AppendField(out, "question_id", a.QuestionId);
        out += ',';
        AppendField(out, "value", a.Value);
        out += ',';
        AppendField(out, "answered_at", a.AnsweredAt);
        if (a.Flagged) // anti-stuffing; absent means false (and older kiosks never send it)
            out += ",\"flagged\":true";
        if (!a.Replaces.empty()) { // "Terug": absent means it replaces nothing (older kiosks never send it)
            out += ',';
            AppendField(out, "replaces", a.Replaces);
        }
        out += '}';
    }
    out += "]}";
    return out;
}

bool ValidAnswer(const StoredAnswer& a, std::string* reason) {
    auto bad = [&](const char* why) {
        *reason = why;
        return false;
    };
    if (!a.DecodeProblem.empty()) {
        *reason = a.DecodeProblem;
        return false;
    }
    if (!IsUuid(a.Id))
        return bad("id is not a UUID");
    if (a.Seq < 1)
        return bad("seq must be 1 or more");
    if (!IsUuid(a.SessionId))
        return bad("session_id is not a UUID");
    if (a.PackId.empty() || a.PackVersion.empty() || a.QuestionId.empty())
        return bad("pack_id, pack_version and question_id must not be empty");
    // Ids as the packs write them: a 300-character or odd id would break the report.
    if (!IsPackId(a.PackId))
        return bad("pack_id must be 1 to 64 of a-z, 0-9, _ and -");
    if (!IsPackVersion(a.PackVersion))
        return bad("pack_version must be 1 to 32 of 0-9, a-z, A-Z, '.', '+' and '-'");
    if (!IsAnswerQuestionId(a.QuestionId))
        return bad("question_id must be 1 to 64 of a-z, 0-9, _ and - (QUESTION.ROW for a matrix row)");
    if (!a.Replaces.empty() && (!IsUuid(a.Replaces) || a.Replaces == a.Id))
        return bad("replaces must be the UUID of another answer");
    if (a.Value.size() > 4000)
        return bad("value is longer than 4000 bytes");
    if (std::string why = TextProblem(a.Value, "value", true); !why.empty()) { // a line break may stay
        *reason = why;
        return false;
    }
    if (a.AnsweredAt.size() < 20 || a.AnsweredAt.size() > 32 || a.AnsweredAt[4] != '-' || a.AnsweredAt[10] != 'T' ||
        !TextProblem(a.AnsweredAt, "answered_at").empty())
        return bad("answered_at is not an ISO 8601 time");
    return true;
}

bool DecodeBatch(const std::string& body, Batch* out, std::string* error) {
    *out = {};
    BatchReader r(out);
    // nlohmann rejects invalid UTF-8 in strings, so a batch that parses is valid UTF-8.
    if (!json::sax_parse(body, &r)) {
        *error = r.Error.empty() ? "the body is not a JSON object (or not valid UTF-8)" : r.Error;
        return false;
    }
    if (!r.SawDevice || !IsUuid(out->DeviceId)) {
        *error = "device_id is missing or not a UUID";
        return false;
    }
    if (!r.SawList) {
        *error = "answers is missing or not a list";
        return false;
    }
    return true;
}

std::string EncodeReply(const std::vector<AnswerResult>& results) {
    std::string out;
    out.reserve(64 + results.size() * 72);
    out += '{';
    AppendField(out, "store", kStoreMarker);
    out += ",\"results\":[";
    for (size_t i = 0; i < results.size(); i++) {
        const AnswerResult& r = results[i];
        out += i ? ",{" : "{";
        AppendField(out, "id", r.Id);
        out += ',';
        AppendField(out, "status", AnswerStatusName(r.Status));
        if (!r.Reason.empty()) {
            out += ',';
            AppendField(out, "reason", r.Reason);
        }
        out += '}';
    }
    out += "]}";
    return out;
}

bool DecodeReply(const std::string& body, const Batch& sent, std::vector<AnswerResult>* out, std::string* error) {
    out->clear();
    ReplyReader r(out);
    const bool parsed = json::sax_parse(body, &r);
    if (!parsed && !r.Error.empty()) {
        *error = r.Error;
        return false;
    }
    if (!parsed || !r.SawMarker) {
        *error = "the reply is not from a Wijkstem store (a login page or proxy in between?)";
        return false;
    }
    if (!r.SawList || out->size() != sent.Answers.size()) {
        *error = "the store's reply does not list every answer sent";
        return false;
    }
    std::unordered_set<std::string_view> ids;
    for (const StoredAnswer& a : sent.Answers)
        ids.insert(a.Id);
    for (const AnswerResult& res : *out)
        if (!ids.count(res.Id)) {
            *error = "the store's reply names an answer that was not sent";
            return false;
        }
    return true;
}

namespace {

// The wijk's agreements and their history in the content reply (stap 3).
json AgreementsJson(const WijkContent& c) {
    json list = json::array(), history = json::array();
    for (const AgreementRecord& a : c.Agreements)
        list.push_back({{"id", a.Id}, {"what", a.What}, {"who", a.Who}, {"due", a.Due}, {"answers", a.Answers},
                        {"status", a.Status}, {"note", a.Note}, {"status_at", a.StatusAt},
                        {"status_source", a.StatusSource}, {"session", a.SessionName}, {"held_on", a.HeldOn},
                        {"created_at", a.CreatedAt}});
    for (const AgreementChangeRecord& h : c.AgreementChanges)
        history.push_back({{"id", h.Id}, {"agreement_id", h.AgreementId}, {"status", h.Status}, {"note", h.Note},
                           {"at", h.At}, {"source", h.Source}});
    return {{"list", list}, {"history", history}};
}

// Reads them back; every field checked as the store checks a kiosk's (a store is outside
// too). False and a reason when anything is off: then the kiosk keeps what it had.
bool ReadAgreements(const json& j, WijkContent* out, std::string* error) {
    auto str = [](const json& o, const char* k) {
        auto it = o.find(k);
        return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (!j.is_object() || !j.contains("list") || !j["list"].is_array() || !j.contains("history") ||
        !j["history"].is_array() || j["list"].size() > 5000 || j["history"].size() > 50000) {
        *error = "the store's agreements are malformed";
        return false;
    }
    std::string why;
    for (const json& o : j["list"]) {
        AgreementRecord a;
        a.Id = str(o, "id"), a.What = str(o, "what"), a.Who = str(o, "who"), a.Due = str(o, "due");
        a.Answers = str(o, "answers"), a.Status = str(o, "status"), a.Note = str(o, "note");
        a.StatusAt = str(o, "status_at"), a.StatusSource = str(o, "status_source");
        a.SessionName = str(o, "session"), a.HeldOn = str(o, "held_on"), a.CreatedAt = str(o, "created_at");
        a.Wijk = out->Wijk.empty() ? "-" : out->Wijk;
        a.UpdatedAt = a.CreatedAt;
        if (!ValidAgreement(a, &why) || !ValidAgreementNote(a.Note, &why) ||
            !TextProblem(a.SessionName, "session").empty() || a.SessionName.size() > 200 ||
            (!a.HeldOn.empty() && !IsDate(a.HeldOn))) {
            *error = "the store sent an agreement that is not valid: " + (why.empty() ? "its session" : why);
            return false;
        }
        out->Agreements.push_back(a);
    }
    for (const json& o : j["history"]) {
        AgreementChangeRecord h{str(o, "id"), str(o, "agreement_id"), str(o, "status"), str(o, "note"),
                                str(o, "at"), str(o, "source")};
        if (!ValidAgreementChange(h, &why)) {
            *error = "the store sent an agreement change that is not valid: " + why;
            return false;
        }
        out->AgreementChanges.push_back(h);
    }
    out->HasAgreements = true;
    return true;
}

} // namespace

std::string EncodeContent(const WijkContent& c) {
    json results = json::array();
    for (const Tally& t : c.Results)
        results.push_back({t.QuestionId, t.Value, t.Count});
    json pack = c.PackBody.empty() ? json()
                                   : json{{"id", c.PackId}, {"version", c.PackVersion}, {"body", c.PackBody}};
    json reply{{"store", kStoreMarker}, {"wijk", c.Wijk},         {"pack", pack},
                {"results", results},    {"device_max_seq", c.DeviceMaxSeq}, {"missing_seqs", c.MissingSeqs}};
    NewsToJson(c.News, &reply["news"]);
    reply["place"] = c.Place;
    if (c.HasAgreements)
        reply["agreements"] = AgreementsJson(c);
    return reply.dump();
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
    // An older store sends no updates; a malformed one refuses the whole reply.
    if (j.contains("news") && !NewsFromJson(j["news"], &out->News, error))
        return false;
    if (j.contains("place")) {
        if (!j["place"].is_string() || (j["place"] != "wijk" && j["place"] != "dorp")) {
            *error = "the store's kind of place is neither \"wijk\" nor \"dorp\"";
            return false;
        }
        out->Place = j["place"];
    }
    if (j.contains("agreements") && !ReadAgreements(j["agreements"], out, error))
        return false; // stap 3: an older store sends none; a malformed list refuses the reply
    return true;
}

} // namespace wsync