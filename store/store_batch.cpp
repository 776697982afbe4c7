// Store::StoreBatch: a kiosk's batch of answers into the store, each once by its id, in one
// transaction, with a status per answer that means something only after COMMIT.
//
// Set-based, so that a batch of 1000 answers costs a few statements, not a few per answer
// (issue 18: on PostgreSQL every statement is a round trip): the checks run in C++, the
// owners of the batch's visits and the answers already stored under the batch's ids are read
// in one query each, and the new answers go in with the engine's bulk path (Conn::CopyIn:
// COPY on PostgreSQL). The write lock the transaction holds (db::TxMode::Write) keeps every
// other writer out between that read and the COPY, so an id read as new is still new.
#include "store/store.hpp"

#include "sync/iso_time.hpp"

#include <algorithm>
#include <optional>
#include <ctime>
#include <map>
#include <set>
#include <tuple>

namespace store {

using namespace wsync;
using db::Optional;
using db::Stmt;

namespace {

// Adds n to a key of answer_counts (?1..?5 the key, ?6 n). A decrement may come before the
// increment it undoes within one transaction (an answer stored and replaced in one batch:
// the trigger runs at once, StoreBatch adds at the end), so a row may pass through a
// negative n; at COMMIT every n is the true count again.
const char* kAddCounts = "INSERT INTO answer_counts(device_id, pack_id, pack_version, question_id, value, n) "
                         "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(device_id, pack_id, pack_version, question_id, "
                         "value) DO UPDATE SET n = answer_counts.n + excluded.n";

using CountKey = std::tuple<std::string, std::string, std::string, std::string>; // pack, version, question, value

// Adds a batch's new counted answers to answer_counts: a statement per key on SQLite (in
// this process), one for all keys on PostgreSQL (a batch has a few dozen, each a round trip).
bool AddCounts(db::Conn* Db, const std::string& device, const std::map<CountKey, int64_t>& counts,
               std::string* error) {
    if (counts.empty())
        return true;
    if (Db->Kind() == db::Backend::Postgres) {
        std::vector<std::string_view> packs, versions, questions, values, ns;
        std::vector<std::string> numbers;
        numbers.reserve(counts.size());
        for (const auto& [key, n] : counts) {
            packs.push_back(std::get<0>(key));
            versions.push_back(std::get<1>(key));
            questions.push_back(std::get<2>(key));
            values.push_back(std::get<3>(key));
            numbers.push_back(std::to_string(n));
            ns.push_back(numbers.back());
        }
        Stmt add(Db, "INSERT INTO answer_counts(device_id, pack_id, pack_version, question_id, value, n) "
                     "SELECT ?1, k.p, k.v, k.q, k.val, k.n FROM unnest(CAST(?2 AS text[]), CAST(?3 AS text[]), "
                     "CAST(?4 AS text[]), CAST(?5 AS text[]), CAST(?6 AS bigint[])) AS k(p, v, q, val, n) "
                     "ON CONFLICT(device_id, pack_id, pack_version, question_id, value) DO UPDATE SET n = "
                     "answer_counts.n + excluded.n");
        if (add.Run(device, db::ArrayLiteral(packs), db::ArrayLiteral(versions), db::ArrayLiteral(questions),
                    db::ArrayLiteral(values), db::ArrayLiteral(ns)))
            return true;
    } else {
        Stmt add(Db, kAddCounts);
        bool ok = true;
        for (auto it = counts.begin(); ok && it != counts.end(); ++it) {
            const auto& [pack, version, question, value] = it->first;
            ok = add.Run(device, pack, version, question, value, it->second);
        }
        if (ok)
            return true;
    }
    *error = "cannot count the answers: " + Db->Error();
    return false;
}

// Ids or sessions per IN list: a whole batch (kMaxBatchAnswers) in one, so one round trip
// a lookup; within SQLite's 32766 and PostgreSQL's 65535 parameters.
constexpr size_t kPerInList = 1000;

// The answers' columns as CopyIn writes them.
const std::vector<std::string> kAnswerCopyColumns = {
    "id",          "device_id", "seq",         "session_id", "pack_id",  "pack_version", "question_id", "value",
    "answered_at", "received_at", "via",       "flagged",    "unverified", "replaces",   "superseded"};

// What one checked answer of the batch needs on its way in.
struct Candidate {
    size_t Index;            // in the batch
    bool Unknown;            // no pack to check it against: stored unverified, counted nowhere
    bool Superseded = false; // an answer that replaces it is stored already (it came first)
};

// The new answers (todo's entries at fresh), in through the engine's bulk path.
bool CopyAnswers(db::Conn* Db, const Batch& b, const std::vector<Candidate>& todo, const std::vector<size_t>& fresh,
                 const std::string& via, const std::string& now, std::string* error) {
    static const std::string kZero = "0", kOne = "1";
    auto flag = [](bool on) { return std::optional<std::string_view>(on ? kOne : kZero); };
    std::vector<std::string> seqs; // the numbers' texts, alive for the call
    seqs.reserve(fresh.size());
    db::CopyValues values;
    values.reserve(fresh.size() * kAnswerCopyColumns.size());
    for (size_t k : fresh) {
        const Candidate& c = todo[k];
        const StoredAnswer& a = b.Answers[c.Index];
        seqs.push_back(std::to_string(a.Seq));
        const std::optional<std::string_view> replaces =
            a.Replaces.empty() ? std::nullopt : std::optional<std::string_view>(a.Replaces);
        for (std::optional<std::string_view> v :
             {std::optional<std::string_view>(a.Id), {b.DeviceId}, {seqs.back()}, {a.SessionId}, {a.PackId},
              {a.PackVersion}, {a.QuestionId}, {a.Value}, {a.AnsweredAt}, {now}, {via}, flag(a.Flagged),
              flag(c.Unknown), replaces, flag(c.Superseded)})
            values.push_back(v);
    }
    if (!Db->CopyIn("answers", kAnswerCopyColumns, values, error)) {
        *error = "cannot store the answers: " + *error;
        return false;
    }
    return true;
}

// The sessions among these that hold an answer of another kiosk.
bool ForeignSessions(db::Conn* Db, const std::string& device, const std::set<std::string>& sessions,
                            std::set<std::string>* out, std::string* error) {
    const std::vector<std::string> all(sessions.begin(), sessions.end());
    for (size_t from = 0; from < all.size(); from += kPerInList) {
        const size_t n = std::min(kPerInList, all.size() - from);
        Stmt st(Db, "SELECT DISTINCT session_id FROM answers WHERE device_id != ?1 AND " +
                        db::InTexts(Db, "session_id", 2, n));
        st.BindOne(1, device);
        db::BindTexts(Db, &st, 2, std::vector<std::string_view>(all.begin() + long(from), all.begin() + long(from + n)));
        db::StepResult rc;
        while ((rc = st.Step()) == db::kRow)
            out->insert(st.Text(0));
        if (rc != db::kDone) {
            *error = "cannot read a session: " + Db->Error();
            return false;
        }
    }
    return true;
}

// Question ids under pack versions the store does not know: at most kMaxUnverifiedQuestions
// a version. Its statements are prepared once a batch, when an answer first needs them.
struct UnverifiedQuestions {
    db::Conn* Db;
    std::unique_ptr<Stmt> Seen, Count, Note;
    std::set<std::string> Known = {}; // "pack\nversion\nquestion" found or noted in this batch

    // *known: 1 when a's question id is (now) one of its unknown pack version's, 0 when the
    // version has kMaxUnverifiedQuestions others already. False on a database error.
    bool Check(const StoredAnswer& a, int* known) {
        if (!Seen) {
            Seen = std::make_unique<Stmt>(
                Db, "SELECT 1 FROM unverified_questions WHERE pack_id = ?1 AND version = ?2 AND question_id = ?3");
            Count = std::make_unique<Stmt>(Db, "SELECT count(*) FROM unverified_questions WHERE pack_id = ?1 AND "
                                               "version = ?2");
            Note = std::make_unique<Stmt>(Db, "INSERT INTO unverified_questions(pack_id, version, question_id) "
                                              "VALUES(?1, ?2, ?3)");
        }
        const std::string key = a.PackId + '\n' + a.PackVersion + '\n' + a.QuestionId;
        if (Known.count(key)) // a batch holds many answers to few questions: one look each
            return *known = 1, true;
        const db::StepResult rc = Seen->Bind(a.PackId, a.PackVersion, a.QuestionId).Step();
        if (rc == db::kRow) {
            Known.insert(key);
            return *known = 1, true;
        }
        if (rc != db::kDone || Count->Bind(a.PackId, a.PackVersion).Step() != db::kRow)
            return false;
        if (Count->Int(0) >= kMaxUnverifiedQuestions)
            return *known = 0, true;
        *known = 1;
        Known.insert(key);
        return Note->Run(a.PackId, a.PackVersion, a.QuestionId);
    }
};

// What is stored under an id, as far as "the same answer" goes.
using StoredRow = std::tuple<std::string, int64_t, std::string, std::string, std::string, std::string, std::string,
                             std::string, bool, std::string>;

StoredRow RowOf(const Batch& b, const StoredAnswer& a) {
    return {b.DeviceId, a.Seq, a.SessionId, a.PackId, a.PackVersion, a.QuestionId, a.Value, a.AnsweredAt, a.Flagged,
            a.Replaces};
}

// One look at the stored answers for the candidates' ids: those stored under one of them
// already (into *stored), and those that replace one (a USB file and the network may bring a
// kiosk's answers out of order: an answer of the same kiosk, visit and question that replaces
// a candidate marks it Superseded). By id and by replaces alone, the kiosk compared here:
// with device_id in the WHERE, PostgreSQL without statistics walked the kiosk's every answer.
bool LookUpStored(db::Conn* Db, const Batch& b, std::vector<Candidate>* todo, std::map<std::string, StoredRow>* stored,
                  std::string* error) {
    std::map<std::string_view, Candidate*> by_id;
    for (Candidate& c : *todo)
        by_id[b.Answers[c.Index].Id] = &c;
    for (size_t from = 0; from < todo->size(); from += kPerInList) {
        const size_t n = std::min(kPerInList, todo->size() - from);
        Stmt st(Db, "SELECT id, device_id, seq, session_id, pack_id, pack_version, question_id, value, answered_at, "
                    "flagged, coalesce(replaces, '') FROM answers WHERE " + db::InTexts(Db, "id", 1, n) + " OR " +
                        db::InTexts(Db, "replaces", 1, n));
        std::vector<std::string_view> ids;
        for (size_t i = 0; i < n; i++)
            ids.push_back(b.Answers[(*todo)[from + i].Index].Id);
        db::BindTexts(Db, &st, 1, ids);
        db::StepResult rc;
        while ((rc = st.Step()) == db::kRow) {
            StoredRow row{st.Text(1), st.Int(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6),
                          st.Text(7), st.Text(8), st.Int(9) != 0, st.Text(10)};
            const std::string& replaces = std::get<9>(row);
            if (auto it = by_id.find(replaces); it != by_id.end()) {
                const StoredAnswer& a = b.Answers[it->second->Index];
                if (std::get<0>(row) == b.DeviceId && std::get<2>(row) == a.SessionId && std::get<5>(row) == a.QuestionId)
                    it->second->Superseded = true;
            }
            std::string id = st.Text(0);
            if (by_id.count(id))
                (*stored)[std::move(id)] = std::move(row);
        }
        if (rc != db::kDone) {
            *error = "cannot read the stored answers: " + Db->Error();
            return false;
        }
    }
    return true;
}

} // namespace

bool Store::StoreBatch(const Batch& b, const std::string& via, std::vector<AnswerResult>* results, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    results->clear();
    for (const StoredAnswer& a : b.Answers)
        results->push_back({a.Id, AnswerStatus::Invalid, {}});
    struct NoStatusesUnlessCommitted { // a failure returns no statuses at all
        std::vector<AnswerResult>* R;
        bool Committed = false;
        ~NoStatusesUnlessCommitted() {
            if (!Committed)
                R->clear();
        }
    } guard{results};
    db::Transaction tx(Db);
    if (!tx.Begun(error))
        return false;
    // Every lookup below has its index. PostgreSQL plans a young store's queries without
    // statistics (autovacuum has not analysed it yet) and then reads the whole table instead:
    // 100+ ms a batch at 20,000 answers in issue 18's bench, growing with the store.
    if (Db->Kind() == db::Backend::Postgres && !db::Exec(Db, "SET LOCAL enable_seqscan = off", error))
        return false;
    const std::string now = IsoNowSeconds();
    const int64_t now_unix = int64_t(time(nullptr));

    // 1. Each answer checked on its own, in C++.
    std::vector<size_t> valid;
    std::set<std::string> sessions;
    for (size_t i = 0; i < b.Answers.size(); i++) {
        const StoredAnswer& a = b.Answers[i];
        AnswerResult& r = (*results)[i];
        if (!ValidAnswer(a, &r.Reason) || !PlausibleTime(a.AnsweredAt, now_unix, "answered_at", &r.Reason))
            continue;
        valid.push_back(i);
        sessions.insert(a.SessionId);
    }
    // 2. A visit is one kiosk's: the batch's sessions that another kiosk holds, in one query.
    std::set<std::string> foreign;
    if (!ForeignSessions(Db, b.DeviceId, sessions, &foreign, error))
        return false;
    std::vector<Candidate> todo;
    UnverifiedQuestions unverified{Db, nullptr, nullptr, nullptr};
    for (size_t i : valid) {
        const StoredAnswer& a = b.Answers[i];
        AnswerResult& r = (*results)[i];
        if (foreign.count(a.SessionId)) {
            r.Reason = "session_id belongs to another kiosk's visit";
            continue;
        }
        // Against the pack version it names, where the store knows it (issue 17).
        PackCheck fit = Catalog.CheckAnswer(a.PackId, a.PackVersion, a.QuestionId, a.Value, &r.Reason);
        if (fit == PackCheck::Unknown && LoadPublishedPack(a.PackId, a.PackVersion)) // another process published it
            fit = Catalog.CheckAnswer(a.PackId, a.PackVersion, a.QuestionId, a.Value, &r.Reason);
        if (fit == PackCheck::Misfit)
            continue;
        if (fit == PackCheck::Unknown) { // no pack to check: at least no endless stream of ids
            int known = -1;
            if (!unverified.Check(a, &known)) {
                *error = "cannot count unverified questions: " + Db->Error();
                return false;
            }
            if (known == 0) {
                r.Reason = "pack_version " + a.PackVersion + " is unknown to this store and already has " +
                           std::to_string(kMaxUnverifiedQuestions) + " distinct question ids (a pack has fewer)";
                continue;
            }
        }
        todo.push_back({i, fit == PackCheck::Unknown});
    }
    // 3. What is stored under the batch's ids already: the same answer (already stored) or
    // a conflict, kept aside; nothing is overwritten. The rest goes in.
    std::map<std::string, StoredRow> stored;
    if (!LookUpStored(Db, b, &todo, &stored, error))
        return false;
    std::vector<size_t> fresh;          // todo's entries that are new here
    std::vector<const StoredAnswer*> replacing; // new answers that replace another
    std::map<CountKey, int64_t> counts; // new answers that count
    Stmt conflict(Db, "INSERT INTO conflicts(id, device_id, seq, session_id, pack_id, pack_version, question_id, "
                      "value, answered_at, received_at, flagged, replaces) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    for (size_t k = 0; k < todo.size(); k++) {
        const Candidate& c = todo[k];
        const StoredAnswer& a = b.Answers[c.Index];
        AnswerResult& r = (*results)[c.Index];
        // A second copy of an id in this batch is compared with the first, as if stored.
        StoredRow mine = RowOf(b, a);
        const auto [it, is_new] = stored.try_emplace(a.Id, mine);
        if (!is_new) {
            const bool same = it->second == mine;
            r.Status = same ? AnswerStatus::AlreadyStored : AnswerStatus::Conflict;
            if (!same && !conflict.Run(a.Id, b.DeviceId, a.Seq, a.SessionId, a.PackId, a.PackVersion, a.QuestionId,
                                       a.Value, a.AnsweredAt, now, a.Flagged, Optional{a.Replaces})) {
                *error = "cannot keep a conflicting answer: " + Db->Error();
                return false;
            }
            continue;
        }
        fresh.push_back(k);
        if (!a.Replaces.empty())
            replacing.push_back(&a);
        if (!a.Flagged && !c.Unknown && !c.Superseded) // as WijkTalliesLocked counts
            counts[{a.PackId, a.PackVersion, a.QuestionId, a.Value}]++;
        r.Status = AnswerStatus::Stored;
    }
    if (!CopyAnswers(Db, b, todo, fresh, via, now, error))
        return false;
    // The kiosk's count and highest seq (schema 8), once for the batch.
    if (!fresh.empty()) {
        int64_t highest = 0;
        for (size_t k : fresh)
            highest = std::max(highest, b.Answers[todo[k].Index].Seq);
        Stmt seqs(Db, "INSERT INTO device_seqs(device_id, n, max_seq) VALUES(?1, ?2, ?3) ON CONFLICT(device_id) DO "
                      "UPDATE SET n = device_seqs.n + excluded.n, max_seq = CASE WHEN excluded.max_seq > "
                      "device_seqs.max_seq THEN excluded.max_seq ELSE device_seqs.max_seq END");
        if (!seqs.Run(b.DeviceId, int64_t(fresh.size()), highest)) {
            *error = "cannot count the kiosk's answers: " + Db->Error();
            return false;
        }
    }
    // Only ever an answer of the same kiosk, visit and question; after the answers are in, so
    // an answer replaced within this batch is marked too (the trigger takes back its count).
    Stmt supersede(Db, "UPDATE answers SET superseded = 1 WHERE id = ?1 AND device_id = ?2 AND session_id = ?3 "
                       "AND question_id = ?4");
    for (const StoredAnswer* a : replacing)
        if (!supersede.Run(a->Replaces, b.DeviceId, a->SessionId, a->QuestionId)) {
            *error = "cannot mark a replaced answer: " + Db->Error();
            return false;
        }
    // 4. The running counts, once per key; the receipts.
    if (!AddCounts(Db, b.DeviceId, counts, error))
        return false;
    std::string err;
    if (!NoteReceipts(b, *results, &err)) { // store/store_news.cpp
        *error = "cannot note the visits' receipts: " + err;
        return false;
    }
    if (!tx.Commit(&err)) { // the statuses mean something only after this
        *error = "cannot commit the batch: " + err;
        return false;
    }
    guard.Committed = true;
    if (via == "network")
        CountQuota(b.DeviceId, std::count_if(results->begin(), results->end(), [](const AnswerResult& r) {
                       return r.Status == AnswerStatus::Stored;
                   }));
    return true;
}

} // namespace store
