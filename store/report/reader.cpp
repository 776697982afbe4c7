#include "store/report/reader.hpp"
#include "content/pack_loader.hpp"
#include "sync/sqlite_util.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <functional>
#include <map>
#include <set>

namespace report {

namespace {

// A prepared statement that finalizes itself; ?1 is bound to the wijk when it has one.
class Query {
public:
    Query(sqlite3* db, const char* sql, const std::string& wijk) : Db(db), St(db, sql) {
        if (St && sqlite3_bind_parameter_count(St.S) >= 1)
            wsync::sql::Bind(St.S, 1, wijk);
    }
    // Calls row() for every row; false (and the error) when the query fails.
    bool Each(const std::function<void(sqlite3_stmt*)>& row, std::string* error) {
        int rc = SQLITE_ERROR;
        if (St)
            while ((rc = sqlite3_step(St.S)) == SQLITE_ROW)
                row(St.S);
        if (rc != SQLITE_DONE) {
            *error = std::string("cannot read the store: ") + sqlite3_errmsg(Db);
            return false;
        }
        return true;
    }

private:
    sqlite3* Db;
    wsync::sql::Stmt St;
};

using wsync::sql::Col;

long long Int(sqlite3_stmt* st, int i) { return sqlite3_column_int64(st, i); }

struct Db {
    sqlite3* H = nullptr;
    ~Db() { sqlite3_close(H); }
};

// The wijk's walk-in answers: counted per question, value and month; the flagged apart; and
// per visit those the say per theme needs (after ReadPack: which ones depends on the pack).
bool ReadAnswers(sqlite3* db, const std::string& wijk, Input* in, std::string* error) {
    const char* from = " FROM answers a JOIN devices d ON d.id = a.device_id WHERE d.wijk = ?1 ";
    // An answer changed on the way back ("Terug") counts only in its latest form. The report
    // never migrates a store, so an older one (a backup) has no superseded column: all count.
    bool has_superseded = false;
    if (!Query(db, "SELECT 1 FROM pragma_table_info('answers') WHERE name = 'superseded'", wijk)
             .Each([&](sqlite3_stmt*) { has_superseded = true; }, error))
        return false;
    std::string sql = std::string("SELECT a.question_id, a.value, substr(a.answered_at, 1, 7), count(*)") + from +
                      (has_superseded ? "AND a.superseded = 0 " : "") +
                      "AND a.flagged = 0 GROUP BY 1, 2, 3 ORDER BY 1, 3, 2";
    if (!Query(db, sql.c_str(), wijk).Each([&](sqlite3_stmt* st) {
            in->Answers.push_back({Col(st, 0), Col(st, 1), Col(st, 2), Int(st, 3)});
        }, error))
        return false;
    sql = std::string("SELECT count(DISTINCT a.device_id), min(substr(a.answered_at, 1, 10)), "
                      "max(substr(a.answered_at, 1, 10))") + from + "AND a.flagged = 0";
    if (!Query(db, sql.c_str(), wijk).Each([&](sqlite3_stmt* st) {
            in->Kiosks = Int(st, 0);
            in->FirstDay = Col(st, 1);
            in->LastDay = Col(st, 2);
        }, error))
        return false;
    sql = std::string("SELECT count(*)") + from + "AND a.flagged = 1";
    if (!Query(db, sql.c_str(), wijk).Each([&](sqlite3_stmt* st) { in->FlaggedAnswers = Int(st, 0); }, error))
        return false;
    // A visit counts when none of its answers is flagged (the kiosk flags a whole visit).
    sql = std::string("SELECT coalesce(sum(f = 0), 0), coalesce(sum(f = 1), 0) FROM (SELECT max(a.flagged) AS f") +
          from + "GROUP BY a.session_id)";
    if (!Query(db, sql.c_str(), wijk).Each([&](sqlite3_stmt* st) {
            in->Visits = Int(st, 0);
            in->FlaggedVisits = Int(st, 1);
        }, error))
        return false;
    sql = std::string("SELECT a.pack_id || ' ' || a.pack_version, count(*)") + from +
          "AND a.flagged = 0 GROUP BY 1 ORDER BY 1";
    if (!Query(db, sql.c_str(), wijk).Each([&](sqlite3_stmt* st) {
            in->PackVersions.emplace_back(Col(st, 0), Int(st, 1));
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
    if (!Query(db, sql.c_str(), wijk).Each([&](sqlite3_stmt* st) {
            question = Col(st, 1);
            if (wanted.count(question))
                counter.Add(Col(st, 0), question, Col(st, 2));
        }, error))
        return false;
    in->Say = counter.Finish();
    return true;
}

bool ReadPack(sqlite3* db, const std::string& wijk, Input* in, std::string* error) {
    bool found = false;
    std::string body, id, version;
    if (!Query(db, "SELECT pack_id, version, body FROM packs WHERE wijk = ?1", wijk).Each([&](sqlite3_stmt* st) {
            found = true;
            id = Col(st, 0);
            version = Col(st, 1);
            body = Col(st, 2);
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
bool ReadMeetings(sqlite3* db, const std::string& wijk, Input* in, std::string* error) {
    bool has = false;
    if (!Query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agreements'", wijk)
             .Each([&](sqlite3_stmt*) { has = true; }, error))
        return false;
    if (!has)
        return true;
    if (!Query(db, "SELECT id, name, held_on, present FROM group_sessions WHERE wijk = ?1 ORDER BY held_on, name", wijk)
             .Each([&](sqlite3_stmt* st) { in->Sessions.push_back({Col(st, 0), Col(st, 1), Col(st, 2), Int(st, 3)}); },
                   error))
        return false;
    if (!Query(db,
               "SELECT r.group_session_id, r.question_id, r.value, r.count, r.method FROM group_results r "
               "JOIN group_sessions s ON s.id = r.group_session_id WHERE s.wijk = ?1 ORDER BY 1, 2, 3",
               wijk)
             .Each([&](sqlite3_stmt* st) {
                 in->CampfireResults.push_back({Col(st, 0), Col(st, 1), Col(st, 2), Int(st, 3), Col(st, 4)});
             }, error))
        return false;
    bool stap3 = false; // a store since stap 3: changes of agreements, notes of meetings
    if (!Query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agreement_changes'", wijk)
             .Each([&](sqlite3_stmt*) { stap3 = true; }, error))
        return false;
    std::vector<std::string> ids;
    if (!Query(db,
               stap3 ? "SELECT coalesce(a.group_session_id, ''), a.what, a.who, coalesce(a.due, ''), "
                       "coalesce(a.answers, ''), a.status, a.updated_at, a.id, coalesce((SELECT note FROM "
                       "agreement_changes c WHERE c.agreement_id = a.id AND c.at > a.updated_at ORDER BY at DESC, id "
                       "DESC LIMIT 1), '') FROM agreements a WHERE a.wijk = ?1 ORDER BY a.created_at, a.id"
                     : "SELECT coalesce(group_session_id, ''), what, who, coalesce(due, ''), coalesce(answers, ''), "
                       "status, updated_at, id, '' FROM agreements WHERE wijk = ?1 ORDER BY created_at, id",
               wijk)
             .Each([&](sqlite3_stmt* st) {
                 in->Agreements.push_back(
                     {Col(st, 0), Col(st, 1), Col(st, 2), Col(st, 3), Col(st, 4), Col(st, 5), Col(st, 6), Col(st, 8)});
                 ids.push_back(Col(st, 7));
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
             .Each([&](sqlite3_stmt* st) {
                 auto it = index.find(Col(st, 0));
                 if (it == index.end())
                     return;
                 const std::string source = Col(st, 3);
                 const std::string who = source == "cli" ? "gebiedsteam"
                                         : source.rfind("console:", 0) == 0 ? "gebiedsteam (" + source.substr(8) + ")"
                                                                            : "kampvuur";
                 in->Agreements[it->second].History.push_back(Col(st, 1) + ": " + Col(st, 2) + " (" + who + ")" +
                                                              (Col(st, 4).empty() ? "" : " - " + Col(st, 4)));
             }, error))
        return false;
    return Query(db,
                 "SELECT n.group_session_id, n.question_id, n.note FROM group_notes n JOIN group_sessions s "
                 "ON s.id = n.group_session_id WHERE s.wijk = ?1 AND n.note != '' ORDER BY 1, 2",
                 wijk)
        .Each([&](sqlite3_stmt* st) { in->Notes.push_back({Col(st, 0), Col(st, 1), Col(st, 2)}); }, error);
}

// The wijken this store knows, for a message when the name given is not one of them.
std::string KnownWijken(sqlite3* db, const std::string& asked) {
    std::string list, close;
    std::string err;
    Query(db, "SELECT wijk FROM devices UNION SELECT wijk FROM packs ORDER BY 1", "").Each([&](sqlite3_stmt* st) {
        std::string w = Col(st, 0);
        list += (list.empty() ? "" : ", ") + w;
        if (sqlite3_stricmp(w.c_str(), asked.c_str()) == 0)
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
    if (stat(path.c_str(), &st) != 0) {
        *error = "there is no store database at " + path;
        return false;
    }
    Db db;
    if (sqlite3_open_v2(path.c_str(), &db.H, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *error = "the store database " + path + " cannot be opened: " + (db.H ? sqlite3_errmsg(db.H) : "no memory");
        return false;
    }
    sqlite3_busy_timeout(db.H, 5000);
    // One read transaction: every figure from the same moment.
    // Read only: the guard's ROLLBACK at the end just ends it.
    std::string err;
    wsync::sql::Transaction snapshot(db.H, wsync::sql::Transaction::Mode::Deferred);
    if (!snapshot.Begun(&err)) {
        *error = "the store database " + path + " cannot be read: " + err;
        return false;
    }
    bool is_store = false;
    if (!Query(db.H, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answers'", "")
             .Each([&](sqlite3_stmt*) { is_store = true; }, &err) ||
        !is_store) {
        *error = path + " is not a wijkstem-store database" + (err.empty() ? "" : ": " + err);
        return false;
    }
    bool known = false;
    if (!Query(db.H, "SELECT 1 FROM devices WHERE wijk = ?1 UNION SELECT 1 FROM packs WHERE wijk = ?1", wijk)
             .Each([&](sqlite3_stmt*) { known = true; }, error))
        return false;
    if (!known) {
        *error = "no kiosk is enrolled and no pack published in wijk '" + wijk + "'" + KnownWijken(db.H, wijk);
        return false;
    }
    return ReadPack(db.H, wijk, in, error) && ReadAnswers(db.H, wijk, in, error) && ReadMeetings(db.H, wijk, in, error);
}

} // namespace report
