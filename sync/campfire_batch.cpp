#include "sync/campfire_batch.hpp"
#include "sync/text_check.hpp"
#include "sync/uuid.hpp"

#include <nlohmann/json.hpp>

namespace wsync {

using nlohmann::json;

namespace {

// Small requests (a session has tens of rows), so JSON trees, not the answers' SAX path.
std::string Str(const json& o, const char* key) {
    auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int64_t Int(const json& o, const char* key, int64_t otherwise) {
    auto it = o.find(key);
    return it != o.end() && it->is_number_integer() ? it->get<int64_t>() : otherwise;
}

bool IsIsoTime(const std::string& s) {
    return s.size() >= 20 && s.size() <= 32 && s[4] == '-' && s[10] == 'T' && !HasControlChars(s);
}

// Valid UTF-8 without control or bidi characters; else false and the reason.
bool Clean(std::string* reason, const std::string& s, const char* field, bool allow_newline = false) {
    std::string why = TextProblem(s, field, allow_newline);
    if (why.empty())
        return true;
    *reason = why;
    return false;
}

bool Bad(std::string* reason, const char* why) {
    *reason = why;
    return false;
}

// A record's text fields by their names on the wire: one list for writing and reading, so
// the two never disagree. An optional field is left out when empty.
template <class R> struct TextField {
    const char* Key;
    std::string R::*Member;
    bool Optional = false;
};

const TextField<CampfireSessionRecord> kSessionText[] = {
    {"id", &CampfireSessionRecord::Id},
    {"name", &CampfireSessionRecord::Name},
    {"wijk", &CampfireSessionRecord::Wijk},
    {"held_on", &CampfireSessionRecord::HeldOn},
    {"pack_id", &CampfireSessionRecord::PackId},
    {"pack_version", &CampfireSessionRecord::PackVersion},
    {"started_at", &CampfireSessionRecord::StartedAt},
    {"ended_at", &CampfireSessionRecord::EndedAt, true},
};
const TextField<CampfireResultRecord> kResultText[] = {
    {"group_session_id", &CampfireResultRecord::SessionId},
    {"question_id", &CampfireResultRecord::QuestionId},
    {"value", &CampfireResultRecord::Value},
    {"method", &CampfireResultRecord::Method},
};
const TextField<AgreementRecord> kAgreementText[] = {
    {"id", &AgreementRecord::Id},
    {"group_session_id", &AgreementRecord::SessionId, true},
    {"wijk", &AgreementRecord::Wijk},
    {"what", &AgreementRecord::What},
    {"who", &AgreementRecord::Who},
    {"due", &AgreementRecord::Due, true},
    {"answers", &AgreementRecord::Answers, true},
    {"status", &AgreementRecord::Status},
    {"created_at", &AgreementRecord::CreatedAt},
    {"updated_at", &AgreementRecord::UpdatedAt},
};

const TextField<AgreementChangeRecord> kChangeText[] = {
    {"id", &AgreementChangeRecord::Id},
    {"agreement_id", &AgreementChangeRecord::AgreementId},
    {"status", &AgreementChangeRecord::Status},
    {"note", &AgreementChangeRecord::Note, true},
    {"at", &AgreementChangeRecord::At},
    {"source", &AgreementChangeRecord::Source, true},
};
const TextField<GroupNoteRecord> kNoteText[] = {
    {"group_session_id", &GroupNoteRecord::SessionId},
    {"question_id", &GroupNoteRecord::QuestionId},
    {"note", &GroupNoteRecord::Note},
    {"updated_at", &GroupNoteRecord::UpdatedAt},
};

template <class R, size_t N> json WriteText(const R& record, const TextField<R> (&fields)[N]) {
    json o = json::object();
    for (const TextField<R>& f : fields)
        if (!f.Optional || !(record.*f.Member).empty())
            o[f.Key] = record.*f.Member;
    return o;
}

// A field of the wrong type reads as empty, and the Valid* checks refuse the record.
template <class R, size_t N> R ReadText(const json& o, const TextField<R> (&fields)[N]) {
    R record;
    for (const TextField<R>& f : fields)
        record.*f.Member = Str(o, f.Key);
    return record;
}

AnswerStatus ParseStatus(const std::string& s) {
    return s == "stored"           ? AnswerStatus::Stored
           : s == "already_stored" ? AnswerStatus::AlreadyStored
           : s == "conflict"       ? AnswerStatus::Conflict
                                   : AnswerStatus::Invalid;
}

json Statuses(const std::vector<AnswerResult>& list) {
    json out = json::array();
    for (const AnswerResult& r : list) {
        json o = {{"id", r.Id}, {"status", AnswerStatusName(r.Status)}};
        if (!r.Reason.empty())
            o["reason"] = r.Reason;
        out.push_back(o);
    }
    return out;
}

} // namespace

std::string CampfireResultKey(const CampfireResultRecord& r) { return r.SessionId + "/" + r.QuestionId + "/" + r.Value; }
std::string GroupNoteKey(const GroupNoteRecord& n) { return n.SessionId + "/" + n.QuestionId; }

bool IsAgreementStatus(const std::string& s) {
    for (const char* status : kAgreementStatuses)
        if (s == status)
            return true;
    return false;
}

std::string NormalAgreementStatus(const std::string& s) { return s == "klaar" ? std::string("gedaan") : s; }

size_t Utf8Chars(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

bool IsDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9')
            return false;
    const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string EncodeCampfireBatch(const CampfireBatch& b) {
    json sessions = json::array(), results = json::array(), agreements = json::array();
    for (const CampfireSessionRecord& g : b.Sessions) {
        json o = WriteText(g, kSessionText);
        o["present"] = g.Present;
        sessions.push_back(o);
    }
    for (const CampfireResultRecord& r : b.Results) {
        json o = WriteText(r, kResultText);
        o["count"] = r.Count;
        if (r.Final) // the session had ended: these are its last counts
            o["final"] = true;
        results.push_back(o);
    }
    for (const AgreementRecord& a : b.Agreements)
        agreements.push_back(WriteText(a, kAgreementText));
    json o = {{"device_id", b.DeviceId}, {"group_sessions", sessions}, {"group_results", results}, {"agreements", agreements}};
    // Since stap 3, and only when there are some: an older store reads the request as before.
    if (!b.Changes.empty()) {
        json changes = json::array();
        for (const AgreementChangeRecord& c : b.Changes)
            changes.push_back(WriteText(c, kChangeText));
        o["agreement_changes"] = changes;
    }
    if (!b.Notes.empty()) {
        json notes = json::array();
        for (const GroupNoteRecord& n : b.Notes)
            notes.push_back(WriteText(n, kNoteText));
        o["group_notes"] = notes;
    }
    return o.dump();
}

bool DecodeCampfireBatch(const std::string& body, CampfireBatch* out, std::string* error) {
    *out = {};
    json j = json::parse(body, nullptr, false); // refuses invalid UTF-8 too
    if (j.is_discarded() || !j.is_object()) {
        *error = "the body is not a JSON object (or not valid UTF-8)";
        return false;
    }
    out->DeviceId = Str(j, "device_id");
    if (!IsUuid(out->DeviceId)) {
        *error = "device_id is missing or not a UUID";
        return false;
    }
    size_t items = 0;
    for (const char* key : {"group_sessions", "group_results", "agreements", "agreement_changes", "group_notes"}) {
        auto it = j.find(key);
        if (it == j.end())
            continue; // each list is optional
        if (!it->is_array()) {
            *error = std::string(key) + " must be a list";
            return false;
        }
        for (const json& o : *it)
            if (!o.is_object()) {
                *error = std::string("each item of ") + key + " must be an object";
                return false;
            }
        items += it->size();
    }
    if (items > kMaxCampfireItems) {
        *error = "a request holds at most " + std::to_string(kMaxCampfireItems) + " campfire items";
        return false;
    }
    // A field of the wrong type reads as empty (or -1), and the Valid* checks refuse the item.
    for (const json& o : j.value("group_sessions", json::array())) {
        out->Sessions.push_back(ReadText(o, kSessionText));
        out->Sessions.back().Present = Int(o, "present", -1);
    }
    for (const json& o : j.value("group_results", json::array())) {
        out->Results.push_back(ReadText(o, kResultText));
        out->Results.back().Count = Int(o, "count", -1);
        out->Results.back().Final = o.value("final", false) == true;
    }
    for (const json& o : j.value("agreements", json::array()))
        out->Agreements.push_back(ReadText(o, kAgreementText));
    for (const json& o : j.value("agreement_changes", json::array()))
        out->Changes.push_back(ReadText(o, kChangeText));
    for (const json& o : j.value("group_notes", json::array()))
        out->Notes.push_back(ReadText(o, kNoteText));
    return true;
}

std::string EncodeCampfireReply(const CampfireReply& r) {
    json o = {{"store", kStoreMarker},
              {"group_sessions", Statuses(r.Sessions)},
              {"group_results", Statuses(r.Results)},
              {"agreements", Statuses(r.Agreements)}};
    if (r.HasStap3) {
        o["agreement_changes"] = Statuses(r.Changes);
        o["group_notes"] = Statuses(r.Notes);
    }
    return o.dump();
}

bool DecodeCampfireReply(const std::string& body, const CampfireBatch& sent, CampfireReply* out, std::string* error) {
    *out = {};
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || Str(j, "store") != kStoreMarker) {
        *error = "the reply is not from a Wijkstem store (a login page or proxy in between?)";
        return false;
    }
    auto read = [&](const char* key, const std::vector<std::string>& ids, std::vector<AnswerResult>* list) {
        auto it = j.find(key);
        const bool stap3 = std::string(key) == "agreement_changes" || std::string(key) == "group_notes";
        if (stap3 && it == j.end()) { // an older store: they are not taken, and stay waiting
            for (const std::string& id : ids)
                list->push_back({id, AnswerStatus::Invalid, "the store does not take this yet (an older wijkstem-store)"});
            return true;
        }
        if (it == j.end() || !it->is_array() || it->size() != ids.size()) {
            *error = std::string("the store's reply does not list every ") + key + " item sent";
            return false;
        }
        for (size_t i = 0; i < ids.size(); i++) {
            const json& o = (*it)[i];
            if (!o.is_object() || Str(o, "id") != ids[i]) {
                *error = std::string("the store's reply names a ") + key + " item that was not sent";
                return false;
            }
            list->push_back({ids[i], ParseStatus(Str(o, "status")), Str(o, "reason")});
        }
        return true;
    };
    std::vector<std::string> sessions, results, agreements;
    for (const CampfireSessionRecord& g : sent.Sessions)
        sessions.push_back(g.Id);
    for (const CampfireResultRecord& r : sent.Results)
        results.push_back(CampfireResultKey(r));
    for (const AgreementRecord& a : sent.Agreements)
        agreements.push_back(a.Id);
    std::vector<std::string> changes, notes;
    for (const AgreementChangeRecord& c : sent.Changes)
        changes.push_back(c.Id);
    for (const GroupNoteRecord& n : sent.Notes)
        notes.push_back(GroupNoteKey(n));
    return read("group_sessions", sessions, &out->Sessions) && read("group_results", results, &out->Results) &&
           read("agreements", agreements, &out->Agreements) && read("agreement_changes", changes, &out->Changes) &&
           read("group_notes", notes, &out->Notes);
}

bool ValidCampfireSession(const CampfireSessionRecord& g, std::string* reason) {
    if (!IsUuid(g.Id))
        return Bad(reason, "id is not a UUID");
    if (g.Name.empty() || g.Name.size() > 200)
        return Bad(reason, "name must be 1 to 200 bytes");
    if (g.Wijk.empty() || g.Wijk.size() > 200)
        return Bad(reason, "wijk must be 1 to 200 bytes");
    if (!IsDate(g.HeldOn))
        return Bad(reason, "held_on is not a date (YYYY-MM-DD)");
    if (g.Present < 1 || g.Present > 999)
        return Bad(reason, "present must be 1 to 999");
    if (g.PackId.empty() || g.PackVersion.empty())
        return Bad(reason, "pack_id and pack_version must not be empty");
    if (!IsPackId(g.PackId) || !IsPackVersion(g.PackVersion))
        return Bad(reason, "pack_id or pack_version is not shaped as a pack writes it");
    if (!Clean(reason, g.Name, "name") || !Clean(reason, g.Wijk, "wijk"))
        return false;
    if (!IsIsoTime(g.StartedAt) || (!g.EndedAt.empty() && !IsIsoTime(g.EndedAt)))
        return Bad(reason, "started_at or ended_at is not an ISO 8601 time");
    return true;
}

bool ValidCampfireResult(const CampfireResultRecord& r, std::string* reason) {
    if (!IsUuid(r.SessionId))
        return Bad(reason, "group_session_id is not a UUID");
    if (r.QuestionId.empty() || r.Value.empty() || r.QuestionId.size() > 200 || r.Value.size() > 200)
        return Bad(reason, "question_id and value must be 1 to 200 bytes");
    if (!IsAnswerQuestionId(r.QuestionId) || !IsPackId(r.Value))
        return Bad(reason, "question_id and value must be ids as a pack writes them (a-z, 0-9, _ and -, up to 64)");
    if (r.Count < 0 || r.Count > 1000000)
        return Bad(reason, "count must be 0 to 1000000");
    if (r.Method != "taps" && r.Method != "hands")
        return Bad(reason, "method must be taps or hands");
    return true;
}

bool ValidAgreement(const AgreementRecord& a, std::string* reason) {
    if (!IsUuid(a.Id))
        return Bad(reason, "id is not a UUID");
    if (!a.SessionId.empty() && !IsUuid(a.SessionId))
        return Bad(reason, "group_session_id is not a UUID");
    if (a.Wijk.empty() || a.Wijk.size() > 200)
        return Bad(reason, "wijk must be 1 to 200 bytes");
    if (a.What.empty() || a.What.size() > 2000)
        return Bad(reason, "what must be 1 to 2000 bytes");
    if (a.Who.empty() || a.Who.size() > 200)
        return Bad(reason, "who must be 1 to 200 bytes");
    if (!a.Due.empty() && !IsDate(a.Due))
        return Bad(reason, "due is not a date (YYYY-MM-DD)");
    if (a.Answers.size() > 200)
        return Bad(reason, "answers is longer than 200 bytes");
    if (!a.Answers.empty() && !IsAnswerQuestionId(a.Answers))
        return Bad(reason, "answers must be a zone or question id as a pack writes it");
    if (!Clean(reason, a.Wijk, "wijk") || !Clean(reason, a.What, "what", true) || !Clean(reason, a.Who, "who"))
        return false;
    if (!IsAgreementStatus(NormalAgreementStatus(a.Status)))
        return Bad(reason, "status must be open, bezig, gedaan or lukt-niet");
    if (!IsIsoTime(a.CreatedAt) || !IsIsoTime(a.UpdatedAt))
        return Bad(reason, "created_at or updated_at is not an ISO 8601 time");
    return true;
}

bool ValidAgreementNote(const std::string& note, std::string* reason) {
    if (note.size() > 4 * kMaxAgreementNote || Utf8Chars(note) > kMaxAgreementNote)
        return Bad(reason, ("note is longer than " + std::to_string(kMaxAgreementNote) + " characters").c_str());
    return Clean(reason, note, "note");
}

bool ValidAgreementChange(const AgreementChangeRecord& c, std::string* reason) {
    if (!IsUuid(c.Id))
        return Bad(reason, "id is not a UUID");
    if (!IsUuid(c.AgreementId))
        return Bad(reason, "agreement_id is not a UUID");
    if (!IsAgreementStatus(c.Status))
        return Bad(reason, "status must be open, bezig, gedaan or lukt-niet");
    if (!ValidAgreementNote(c.Note, reason))
        return false;
    if (!IsIsoTime(c.At))
        return Bad(reason, "at is not an ISO 8601 time");
    if (c.Source.size() > 200)
        return Bad(reason, "source is longer than 200 bytes");
    return Clean(reason, c.Source, "source");
}

bool ValidGroupNote(const GroupNoteRecord& n, std::string* reason) {
    if (!IsUuid(n.SessionId))
        return Bad(reason, "group_session_id is not a UUID");
    if (n.QuestionId.empty() || !IsAnswerQuestionId(n.QuestionId))
        return Bad(reason, "question_id must be an id as a pack writes it");
    if (n.Note.size() > 4 * kMaxGroupNote || Utf8Chars(n.Note) > kMaxGroupNote)
        return Bad(reason, ("note is longer than " + std::to_string(kMaxGroupNote) + " characters").c_str());
    if (!Clean(reason, n.Note, "note"))
        return false;
    if (!IsIsoTime(n.UpdatedAt))
        return Bad(reason, "updated_at is not an ISO 8601 time");
    return true;
}

} // namespace wsync
