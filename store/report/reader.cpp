#include "store/report/reader.hpp"
#include "content/pack_loader.hpp"
#include "store/db.hpp"

#include <strings.h>
#include <sys/stat.h>

#include <functional>
#include <map>
#include <set>

namespace report {

namespace db = store::db;

namespace {

// A statement; ?1 is bound to the wijk when the SQL has one.
class Query {
public:
    Query(db::Conn* db, const std::string& sql, const std::string& wijk) : Db(db), St(db, sql) {
        if (sql.find("?1") != std::string::npos)
            St.Bind(wijk);
    }
    // Calls row() for every row; false (and the error) when the query fails.
    bool Each(const std::function<void(db::Stmt&)>& row, std::string* error) {
        db::StepResult rc;
        while ((rc = St.Step()) == db::kRow)
            row(St);
        if (rc != db::kDone) {
            *error = "cannot read the store: " + Db->Error();
            return false;
        }
        return true;
    }

private:
    db::Conn* Db;
    db::Stmt St;
};

// The wijk's walk-in answers: counted per question, value and month; the flagged apart; and
// per visit those the say per theme needs (after ReadPack: which ones depends on the pack).
bool ReadAnswers(db::Conn* db, const std::string& wijk, Input* in, std::string* error) {
    const char* from = " FROM answers a JOIN devices d ON d.id = a.device_id WHERE d.wijk = ?1 ";
    // An answer changed on the way back ("Terug") counts only in its latest form. The report
    // never migrates a store, so an older one (a backup) has no superseded column: all count.
    const bool has_superseded = db->HasTable("answers", "superseded");
    std::string sql = std::string("SELECT a.question_id, a.value, substr(a.answered_at, 1, 7), count(*)") + from +
                      (has_superseded ? "AND a.superseded = 0 " : "") +
                      "AND a.flagged = 0 GROUP BY 1, 2, 3 ORDER BY 1, 3, 2";
    if (!Query(db, sql, wijk).Each([&](db::Stmt& st) {
            in->Answers.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3)});
        }, error))
        return false;
    sql = std::string("SELECT count(DISTINCT a.device_id), min(substr(a.answered_at, 1, 10)), "
                      "max(substr(a.answered_at, 1, 10))") + from + "AND a.flagged = 0";
    if (!Query(db, sql, wijk).Each([&](db::Stmt& st) {
            in->Kiosks = st.Int(0);
            in->FirstDay = st.Text(1);
            in->LastDay = st.Text(2);
        }, error))
        return false;
    sql = std::string("SELECT count(*)") + from + "AND a.flagged = 1";
    if (!Query(db, sql, wijk).Each([&](db::Stmt& st) { in->FlaggedAnswers = st.Int(0); }, error))
        return false;
    // A visit counts when none of its answers is flagged (the kiosk flags a whole visit).
    sql = std::string("SELECT coalesce(sum(CASE WHEN f = 0 THEN 1 ELSE 0 END), 0), "
                      "coalesce(sum(CASE WHEN f = 1 THEN 1 ELSE 0 END), 0) FROM (SELECT max(a.flagged) AS f") +
          from + "GROUP BY a.session_id) AS visits";
    if (!Query(db, sql, wijk).Each([&](db::Stmt& st) {
            in->Visits = st.Int(0);
            in->FlaggedVisits = st.Int(1);
        }, error))
        return false;
    sql = std::string("SELECT a.pack_id || ' ' || a.pack_version, count(*)") + from +
          "AND a.flagged = 0 GROUP BY 1 ORDER BY 1";
    if (!Query(db, sql, wijk).Each([&](db::Stmt& st) {
            in->PackVersions.emplace_back(st.Text(0), st.Int(1));
        }, error))
        return false;
    if (!in->Pack)
        return true;
    // Per visit, the answers that say how much say is wanted and how strong the process is,
    // counted as they come (report/say.hpp): only one visit is held at a time.
    const std::set<std::string> wanted = SayAnswerIds(*in->Pack);
    SayCounter counter(*in->Pack);
    sql = std::string("SELECT a.session_id, a.question_id, a.value") + from +
          (has_superseded ? "AND a.superseded = 0 " : "") + "AND a.flagged = 0 ORDER BY a.session_id, a.answered_at, a.seq";
    std::string question;
    if (!Query(db, sql, wijk).Each([&](db::Stmt& st) {
            question = st.Text(1);
            if (wanted.count(question))
                counter.Add(st.Text(0), question, st.Text(2));
        }, error))
        return false;
    in->Say = counter.Finish();
    return true;
}

bool ReadPack(db::Conn* db, const std::string& wijk, Input* in, std::string* error) {
    bool found = false;
    std::string body, id, version;
    if (!Query(db, "SELECT pack_id, version, body FROM packs WHERE wijk = ?1", wijk).Each([&](db::Stmt& st) {
            found = true;
            id = st.Text(0);
            version = st.Text(1);
            body = st.Text(2);
        }, error))
        return false;
    if (!found) {
        in->PackNote = "geen pakket gepubliceerd voor deze wijk: de vragen staan er met hun id";
        return true;
    }
    content::LoadResult r = content::LoadPackText(body, "the pack " + id + " " + version + " in the store");
    if (!r.Ok()) {
        in->PackNote = "het gepubliceerde pakket " + id + " " + version +
                       " kan niet worden gelezen: de vragen staan er met hun id";
        return true;
    }
    in->Pack = std::move(r.Pack);
    return true;
}

// Campfire meetings and agreements (store schema 2). An older store has none.
bool ReadMeetings(db::Conn* db, const std::string& wijk, Input* in, std::string* error) {
    if (!db->HasTable("agreements"))
        return true;
    if (!Query(db, "SELECT id, name, held_on, present FROM group_sessions WHERE wijk = ?1 ORDER BY held_on, name", wijk)
             .Each([&](db::Stmt& st) { in->Sessions.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3)}); },
                   error))
        return false;
    if (!Query(db,
               "SELECT r.group_session_id, r.question_id, r.value, r.count, r.method FROM group_results r "
               "JOIN group_sessions s ON s.id = r.group_session_id WHERE s.wijk = ?1 ORDER BY 1, 2, 3",
               wijk)
             .Each([&](db::Stmt& st) {
                 in->CampfireResults.push_back({st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.Text(4)});
             }, error))
        return false;
    const bool stap3 = db->HasTable("agreement_changes"); // changes of agreements, notes of meetings
    std::vector<std::string> ids;
    if (!Query(db,
               stap3 ? "SELECT coalesce(a.group_session_id, ''), a.what, a.who, coalesce(a.due, ''), "
                       "coalesce(a.answers, ''), a.status, a.updated_at, a.id, coalesce((SELECT note FROM "
                       "agreement_changes c WHERE c.agreement_id = a.id AND c.at > a.updated_at ORDER BY at DESC, id "
                       "DESC LIMIT 1), '') FROM agreements a WHERE a.wijk = ?1 ORDER BY a.created_at, a.id"
                     : "SELECT coalesce(group_session_id, ''), what, who, coalesce(due, ''), coalesce(answers, ''), "
                       "status, updated_at, id, '' FROM agreements WHERE wijk = ?1 ORDER BY created_at, id",
               wijk)
             .Each([&](db::Stmt& st) {
                 in->Agreements.push_back(
                     {st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5), st.Text(6), st.Text(8)});
                 ids.push_back(st.Text(7));
             }, error))
        return false;
    if (!stap3)
        return true;
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < ids.size(); i++)
        index[ids[i]] = i;
    if (!Query(db,
               "SELECT c.agreement_id, substr(c.at, 1, 10), c.status, c.source, c.note FROM agreement_changes c "
               "JOIN agreements a ON a.id = c.agreement_id WHERE a.wijk = ?1 ORDER BY c.at, c.id",
               wijk)
             .Each([&](db::Stmt& st) {
                 auto it = index.find(st.Text(0));
                 if (it == index.end())
                     return;
                 const std::string source = st.Text(3);
                 const std::string who = source == "cli" ? "gebiedsteam"
                                         : source.rfind("console:", 0) == 0 ? "gebiedsteam (" + source.substr(8) + ")"
                                                                            : "kampvuur";
                 in->Agreements[it->second].History.push_back(st.Text(1) + ": " + st.Text(2) + " (" + who + ")" +
                                                              (st.Text(4).empty() ? "" : " - " + st.Text(4)));
             }, error))
        return false;
    return Query(db,
                 "SELECT n.group_session_id, n.question_id, n.note FROM group_notes n JOIN group_sessions s "
                 "ON s.id = n.group_session_id WHERE s.wijk = ?1 AND n.note != '' ORDER BY 1, 2",
                 wijk)
        .Each([&](db::Stmt& st) { in->Notes.push_back({st.Text(0), st.Text(1), st.Text(2)}); }, error);
}

// The wijken this store knows, for a message when the name given is not one of them.
std::string KnownWijken(db::Conn* db, const std::string& asked) {
    std::string list, close;
    std::string err;
    Query(db, "SELECT wijk FROM devices UNION SELECT wijk FROM packs ORDER BY 1", "").Each([&](db::Stmt& st) {
        std::string w = st.Text(0);
        list += (list.empty() ? "" : ", ") + w;
        if (strcasecmp(w.c_str(), asked.c_str()) == 0)
            close = w;
    }, &err);
    if (!close.empty())
        return " (did you mean '" + close + "'? Names are matched exactly)";
    return list.empty() ? " (this store has no kiosks yet)" : " (this store knows: " + list + ")";
}

} // namespace

bool ReadStore(const std::string& path, const std::string& wijk, Input* in, std::string* error) {
    in->Wijk = wijk;
    struct stat st;
    if (!db::IsPostgresTarget(path) && stat(path.c_str(), &st) != 0) {
        *error = "there is no store database at " + path;
        return false;
    }
    std::unique_ptr<db::Conn> conn = db::Open(path, true, error);
    if (!conn)
        return false;
    db::Conn* d = conn.get();
    // One read transaction: every figure from the same moment. Read only: the guard's
    // ROLLBACK at the end just ends it.
    std::string err;
    db::Transaction snapshot(d, db::TxMode::Read);
    if (!snapshot.Begun(&err)) {
        *error = "the store database " + d->Name() + " cannot be read: " + err;
        return false;
    }
    if (!d->HasTable("answers")) {
        *error = d->Name() + " is not a wijkstem-store database";
        return false;
    }
    bool known = false;
    if (!Query(d, "SELECT 1 FROM devices WHERE wijk = ?1 UNION SELECT 1 FROM packs WHERE wijk = ?1", wijk)
             .Each([&](db::Stmt&) { known = true; }, error))
        return false;
    if (!known) {
        *error = "no kiosk is enrolled and no pack published in wijk '" + wijk + "'" + KnownWijken(d, wijk);
        return false;
    }
    return ReadPack(d, wijk, in, error) && ReadAnswers(d, wijk, in, error) && ReadMeetings(d, wijk, in, error);
}

} // namespace report
