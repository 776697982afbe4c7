// Store::StoreBatch: a kiosk's batch of answers into the store, each once by its id, in one
// transaction, with a status per answer that means something only after COMMIT.
//
// Set-based, so that a batch of 1000 answers costs a few dozen statements, not a few per
// answer (issue 18: on PostgreSQL every statement is a round trip): the checks run in C++,
// the owners of the batch's visits are read in one query, the answers go in with many rows
// per INSERT ... ON CONFLICT(id) DO NOTHING RETURNING, the ids that were there already are
// read back in one query, and the receipts go in with one INSERT.
#include "store/store.hpp"

#include "sync/iso_time.hpp"

#include <algorithm>
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

// Rows per INSERT on PostgreSQL: 15 values each, well under its 65535 parameters, and few
// enough that the statement's text stays small. SQLite runs in this process: there one row
// per INSERT, the statement compiled once and run per row, is the fastest.
constexpr size_t kRowsPerInsertPg = 250;
constexpr size_t kAnswerValues = 15;
// Ids or sessions per IN list.
constexpr size_t kPerInList = 500;

// The answers' columns, in the INSERT's order; rows of plain values (a subquery per row
// would cost more to compile than the rows cost to store).
std::string InsertSql(size_t rows) {
    return "INSERT INTO answers(id, device_id, seq, session_id, pack_id, pack_version, question_id, value, "
           "answered_at, received_at, via, flagged, unverified, replaces, superseded) VALUES " +
           db::Placeholders(rows, kAnswerValues) + " ON CONFLICT(id) DO NOTHING RETURNING id";
}

// What one checked answer of the batch needs on its way in.
struct Candidate {
    size_t Index;            // in the batch
    bool Unknown;            // no pack to check it against: stored unverified, counted nowhere
    bool Superseded = false; // an answer that replaces it is stored already (it came first)
};

// Marks the candidates that a stored answer of the same kiosk, visit and question replaces
// already: a USB file and the network may bring a kiosk's answers out of order.
bool FindSuperseded(db::Conn* Db, const Batch& b, std::vector<Candidate>* todo, std::string* error) {
    std::map<std::string, Candidate*> by_id;
    for (Candidate& c : *todo)
        by_id[b.Answers[c.Index].Id] = &c;
    for (size_t from = 0; from < todo->size(); from += kPerInList) {
        const size_t n = std::min(kPerInList, todo->size() - from);
        Stmt st(Db, "SELECT replaces, session_id, question_id FROM answers WHERE device_id = ?1 AND replaces IN " +
                        db::Placeholders(1, n, 2));
        st.BindOne(1, b.DeviceId);
        for (size_t i = 0; i < n; i++)
            st.BindOne(int(i + 2), b.Answers[(*todo)[from + i].Index].Id);
        db::StepResult rc;
        while ((rc = st.Step()) == db::kRow) {
            auto it = by_id.find(st.Text(0));
            if (it == by_id.end())
                continue;
            const StoredAnswer& a = b.Answers[it->second->Index];
            if (st.Text(1) == a.SessionId && st.Text(2) == a.QuestionId)
                it->second->Superseded = true;
        }
        if (rc != db::kDone) {
            *error = "cannot read the answers that replace others: " + Db->Error();
            return false;
        }
    }
    return true;
}

// The answers of the batch that are new here (their ids).
bool InsertAnswers(db::Conn* Db, const Batch& b, const std::vector<Candidate>& todo, const std::string& via,
                   const std::string& now, std::set<std::string>* inserted, std::string* error) {
    const size_t per = Db->Kind() == db::Backend::Postgres ? kRowsPerInsertPg : 1;
    Stmt full(Db, InsertSql(per));
    for (size_t from = 0; from < todo.size(); from += per) {
        const size_t rows = std::min(per, todo.size() - from);
        std::unique_ptr<Stmt> tail; // the last, shorter statement
        if (rows < per)
            tail = std::make_unique<Stmt>(Db, InsertSql(rows));
        Stmt& st = tail ? *tail : full.Reset();
        for (size_t r = 0; r < rows; r++) {
            const StoredAnswer& a = b.Answers[todo[from + r].Index];
            const int p = int(r * kAnswerValues);
            st.BindOne(p + 1, a.Id);
            st.BindOne(p + 2, b.DeviceId);
            st.BindOne(p + 3, a.Seq);
            st.BindOne(p + 4, a.SessionId);
            st.BindOne(p + 5, a.PackId);
            st.BindOne(p + 6, a.PackVersion);
            st.BindOne(p + 7, a.QuestionId);
            st.BindOne(p + 8, a.Value);
            st.BindOne(p + 9, a.AnsweredAt);
            st.BindOne(p + 10, now);
            st.BindOne(p + 11, via);
            st.BindOne(p + 12, a.Flagged);
            st.BindOne(p + 13, todo[from + r].Unknown);
            st.BindOne(p + 14, Optional{a.Replaces});
            st.BindOne(p + 15, todo[from + r].Superseded);
        }
        db::StepResult rc;
        while ((rc = st.Step()) == db::kRow)
            inserted->insert(st.Text(0));
        if (rc != db::kDone) {
            *error = "cannot store the answers: " + Db->Error();
            return false;
        }
    }
    return true;
}

// The sessions among these that hold an answer of another kiosk.
bool ForeignSessions(db::Conn* Db, const std::string& device, const std::set<std::string>& sessions,
                            std::set<std::string>* out, std::string* error) {
    const std::vector<std::string> all(sessions.begin(), sessions.end());
    for (size_t from = 0; from < all.size(); from += kPerInList) {
        const size_t n = std::min(kPerInList, all.size() - from);
        Stmt st(Db, "SELECT DISTINCT session_id FROM answers WHERE device_id != ?1 AND session_id IN " +
                        db::Placeholders(1, n, 2));
        st.BindOne(1, device);
        for (size_t i = 0; i < n; i++)
            st.BindOne(int(i + 2), all[from + i]);
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

// Answers whose id is stored already: the same content (already stored), or a
// conflict, kept aside in conflicts; nothing is overwritten.
bool ExistingAnswers(db::Conn* Db, const Batch& b, const std::vector<size_t>& which, const std::string& now,
                            std::vector<AnswerResult>* results, std::string* error) {
    using Row = std::tuple<std::string, int64_t, std::string, std::string, std::string, std::string, std::string,
                           std::string, bool, std::string>;
    std::map<std::string, Row> stored;
    for (size_t from = 0; from < which.size(); from += kPerInList) {
        const size_t n = std::min(kPerInList, which.size() - from);
        Stmt st(Db, "SELECT id, device_id, seq, session_id, pack_id, pack_version, question_id, value, answered_at, "
                    "flagged, coalesce(replaces, '') FROM answers WHERE id IN " + db::Placeholders(1, n));
        for (size_t i = 0; i < n; i++)
            st.BindOne(int(i + 1), b.Answers[which[from + i]].Id);
        db::StepResult rc;
        while ((rc = st.Step()) == db::kRow)
            stored[st.Text(0)] = {st.Text(1), st.Int(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6),
                                  st.Text(7), st.Text(8), st.Int(9) != 0, st.Text(10)};
        if (rc != db::kDone) {
            *error = "cannot read a stored answer: " + Db->Error();
            return false;
        }
    }
    Stmt conflict(Db, "INSERT INTO conflicts(id, device_id, seq, session_id, pack_id, pack_version, question_id, "
                      "value, answered_at, received_at, flagged, replaces) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    for (size_t i : which) {
        const StoredAnswer& a = b.Answers[i];
        auto it = stored.find(a.Id);
        if (it == stored.end()) { // gone between the insert and this read: cannot be, in one transaction
            *error = "cannot read a stored answer: " + a.Id + " is neither new nor stored";
            return false;
        }
        const bool same = it->second == Row{b.DeviceId, a.Seq, a.SessionId, a.PackId, a.PackVersion, a.QuestionId,
                                             a.Value, a.AnsweredAt, a.Flagged, a.Replaces};
        AnswerResult& r = (*results)[i];
        r.Status = same ? AnswerStatus::AlreadyStored : AnswerStatus::Conflict;
        if (!same && !conflict.Run(a.Id, b.DeviceId, a.Seq, a.SessionId, a.PackId, a.PackVersion, a.QuestionId, a.Value,
                                   a.AnsweredAt, now, a.Flagged, Optional{a.Replaces})) {
            *error = "cannot keep a conflicting answer: " + Db->Error();
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
    // 3. In, many rows a statement; the ids that were there already come back as no row.
    std::set<std::string> inserted;
    if (!FindSuperseded(Db, b, &todo, error) || !InsertAnswers(Db, b, todo, via, now, &inserted, error))
        return false;
    std::vector<size_t> existing;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t> counts; // new answers that count
    Stmt supersede(Db, "UPDATE answers SET superseded = 1 WHERE id = ?1 AND device_id = ?2 AND session_id = ?3 "
                       "AND question_id = ?4");
    for (const Candidate& c : todo) {
        const StoredAnswer& a = b.Answers[c.Index];
        auto it = inserted.find(a.Id);
        if (it == inserted.end()) { // stored before, or twice in this batch: same content, or a conflict
            existing.push_back(c.Index);
            continue;
        }
        const bool superseded = c.Superseded;
        inserted.erase(it); // a second copy of the id in this batch is "already stored"
        // Only ever an answer of the same kiosk, visit and question; after the INSERT, so an
        // answer replaced within this batch is marked too (the trigger takes back its count).
        if (!a.Replaces.empty() && !supersede.Run(a.Replaces, b.DeviceId, a.SessionId, a.QuestionId)) {
            *error = "cannot mark a replaced answer: " + Db->Error();
            return false;
        }
        if (!a.Flagged && !c.Unknown && !superseded) // as WijkTalliesLocked counts
            counts[{a.PackId, a.PackVersion, a.QuestionId, a.Value}]++;
        (*results)[c.Index].Status = AnswerStatus::Stored;
    }
    if (!ExistingAnswers(Db, b, existing, now, results, error))
        return false;
    // 4. The running counts, once per key; the receipts.
    Stmt add(Db, kAddCounts);
    for (const auto& [key, n] : counts) {
        const auto& [pack, version, question, value] = key;
        if (!add.Run(b.DeviceId, pack, version, question, value, n)) {
            *error = "cannot count the answers: " + Db->Error();
            return false;
        }
    }
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
