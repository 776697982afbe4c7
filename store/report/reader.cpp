#include "store/report/reader.hpp"
#include "content/pack_loader.hpp"
#include "store/db.hpp"

#include <strings.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace report {

namespace db = store::db;

std::string SqlLiteral(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c;
        if (c == '\'')
            out += c;
    }
    return out + "'";
}

namespace {

// A statement; ?1 is bound to the wijk when the SQL has one.
class Query {
public:
    Query(db::Conn* db, const std::string& sql, const std::string& wijk) : Db(db), St(db, sql) {
        if (sql.find("?1") != std::string::npos)
            St.Bind(wijk);
    }
    // Calls row() for every row; false (and the error) when the query fails, also part-way.
    bool Each(const std::function<void(db::Stmt&)>& row, std::string* error) {
        if (St.Each(row))
            return true;
        *error = "cannot read the store: " + Db->Error();
        return false;
    }

private:
    db::Conn* Db;
    db::Stmt St;
};

// SQLite's substr(text, 1, n): the first n characters, a character being a byte and, after
// a lead byte of 0xC0 or more, the continuation bytes (10xxxxxx) that follow it.
std::string_view Prefix(std::string_view s, int n) {
    size_t i = 0;
    for (int c = 0; c < n && i < s.size(); c++)
        if (static_cast<unsigned char>(s[i++]) >= 0xC0)
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
                i++;
    return s.substr(0, i);
}

// Which answers are the wijk's, for the one pass over them. On SQLite, a wijk whose kiosks
// hold most of the store's answers is read straight through the table (a million lookups
// through the kiosks' index cost 3 times as much); a small wijk goes through the index.
// The running counts (schema 6) say which, for a few hundred rows. PostgreSQL's planner
// makes that choice itself.
std::string WijkAnswers(db::Conn* db, const std::string& wijk) {
    const std::string lit = SqlLiteral(wijk);
    if (db->Kind() == db::Backend::Sqlite && db->HasTable("answer_counts")) {
        int64_t mine = 0, all = 0;
        db::Stmt st(db, "SELECT coalesce(sum(CASE WHEN d.wijk = ?1 THEN c.n ELSE 0 END), 0), coalesce(sum(c.n), 0) "
                        "FROM answer_counts c LEFT JOIN devices d ON d.id = c.device_id");
        if (st.Bind(wijk).Step() == db::kRow) {
            mine = st.Int(0);
            all = st.Int(1);
        }
        if (mine * 4 > all)
            return " FROM answers a WHERE +a.device_id IN (SELECT id FROM devices WHERE wijk = " + lit + ")";
    }
    return " FROM answers a JOIN devices d ON d.id = a.device_id WHERE d.wijk = " + lit;
}

// The visits seen, by session id, each with its number (0, 1, ... as first seen). A kiosk's
// session id is a UUID: kept as its 16 bytes in an open-addressing table, so 200 thousand
// visits cost a few MB and no allocation each. Any other id (made by hand) goes in a map
// beside it; only lowercase hex is packed, so two different texts never share a slot.
class VisitTable {
public:
    // The visit's number, and whether it was new.
    std::pair<uint32_t, bool> Find(std::string_view session) {
        uint64_t hi = 0, lo = 0;
        if (!Pack(session, &hi, &lo)) {
            auto [it, added] = Other.try_emplace(std::string(session), Count);
            if (added)
                Count++;
            return {it->second, added};
        }
        if ((Used + 1) * 2 > Slots.size())
            Grow();
        size_t i = Hash(hi, lo) & (Slots.size() - 1);
        for (; Slots[i].Visit != kFree; i = (i + 1) & (Slots.size() - 1))
            if (Slots[i].Hi == hi && Slots[i].Lo == lo)
                return {Slots[i].Visit, false};
        Slots[i] = {hi, lo, Count};
        Used++;
        return {Count++, true};
    }

private:
    static constexpr uint32_t kFree = UINT32_MAX;
    struct Slot {
        uint64_t Hi = 0, Lo = 0;
        uint32_t Visit = kFree;
    };
    static bool Pack(std::string_view s, uint64_t* hi, uint64_t* lo) {
        if (s.size() != 36)
            return false;
        int nibbles = 0;
        for (size_t i = 0; i < 36; i++) {
            const char c = s[i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-')
                    return false;
                continue;
            }
            const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (v < 0)
                return false;
            uint64_t* half = nibbles++ < 16 ? hi : lo;
            *half = (*half << 4) | uint64_t(v);
        }
        return true;
    }
    static uint64_t Mix(uint64_t x) { // splitmix64's finaliser
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
        return x ^ (x >> 31);
    }
    static size_t Hash(uint64_t hi, uint64_t lo) { return size_t(Mix(hi ^ Mix(lo))); }
    void Grow() {
        std::vector<Slot> old(std::max<size_t>(1024, Slots.size() * 2));
        old.swap(Slots);
        for (const Slot& s : old)
            if (s.Visit != kFree) {
                size_t i = Hash(s.Hi, s.Lo) & (Slots.size() - 1);
                while (Slots[i].Visit != kFree)
                    i = (i + 1) & (Slots.size() - 1);
                Slots[i] = s;
            }
    }
    std::vector<Slot> Slots;
    size_t Used = 0;
    uint32_t Count = 0;
    std::unordered_map<std::string, uint32_t> Other;
};

// One answer that the say per theme needs, kept until every row is read: its visit, ids of
// its question and value (interned), and the order within the visit (answered_at, seq).
struct SayRow {
    uint32_t Visit, Question, Value, AtLength;
    size_t At; // offset in the arena of answered_at texts
    int64_t Seq;
};

// Everything ReadAnswers counts, in one pass over the wijk's answers in no particular order
// (no sort of a million rows in the database). Each figure is what the query it replaced
// said: the comment names that query's condition.
class AnswerPass {
public:
    explicit AnswerPass(const content::Pack* pack) : Pack(pack) {
        if (pack)
            for (const std::string& id : SayAnswerIds(*pack))
                Wanted.insert(id);
    }

    // The columns: session_id, question_id, value, answered_at, flagged * 2 + (superseded != 0),
    // pack_id, pack_version, seq. Only what a row needs is taken from it: each column read
    // costs, a million times over (and a text built in the SQL costs the server more). The
    // texts are read in place (TextView): no std::string per field.
    void Row(db::Stmt& st) {
        const int64_t flags = st.Int(4), flagged = flags >> 1;
        const bool superseded = (flags & 1) != 0;
        const std::string_view session = st.TextView(0);
        if (session != LastSession || VisitMax.empty()) { // a visit's answers mostly come together
            const auto [visit, added] = Visits.Find(session);
            if (added)
                VisitMax.push_back(flagged);
            Visit = visit;
            LastSession = session;
        }
        if (flagged > VisitMax[Visit]) // max(a.flagged) per session
            VisitMax[Visit] = flagged;
        if (flagged == 1) // a.flagged = 1
            Flagged++;
        if (flagged != 0)
            return;
        // a.flagged = 0: the first and last day, the pack versions
        const std::string_view question = st.TextView(1), value = st.TextView(2), at = st.TextView(3);
        const std::string_view day = Prefix(at, 10);
        if (FirstDay.empty() || day < FirstDay)
            FirstDay = day;
        if (day > LastDay)
            LastDay = day;
        Key = st.TextView(5);
        Key += ' ';
        Key += st.TextView(6);
        Packs[Key]++;
        if (superseded)
            return;
        // a.superseded = 0 AND a.flagged = 0: the counts per question, value and month
        Key.clear();
        for (const std::string_view part : {question, value}) {
            Key += std::to_string(part.size());
            Key += ':';
            Key += part;
        }
        Key += Prefix(at, 7);
        Tally[Key]++;
        if (Wanted.count(question)) {
            Say.push_back({Visit, Intern(question), Intern(value), uint32_t(at.size()), Arena.size(), st.Int(7)});
            Arena += at;
        }
    }

    void Finish(Input* in) {
        for (const auto& [key, n] : Tally) {
            TallyRow row;
            size_t pos = 0;
            for (std::string* part : {&row.QuestionId, &row.Value}) {
                const size_t colon = key.find(':', pos), len = std::stoul(key.substr(pos, colon - pos));
                *part = key.substr(colon + 1, len);
                pos = colon + 1 + len;
            }
            row.Month = key.substr(pos);
            row.Count = n;
            in->Answers.push_back(std::move(row));
        }
        // ORDER BY question, month, value: byte order, as SQLite's BINARY and PostgreSQL's "C".
        std::sort(in->Answers.begin(), in->Answers.end(), [](const TallyRow& a, const TallyRow& b) {
            return std::tie(a.QuestionId, a.Month, a.Value) < std::tie(b.QuestionId, b.Month, b.Value);
        });
        in->FirstDay = FirstDay;
        in->LastDay = LastDay;
        in->FlaggedAnswers = Flagged;
        for (int64_t f : VisitMax) {
            in->Visits += f == 0 ? 1 : 0;
            in->FlaggedVisits += f == 1 ? 1 : 0;
        }
        std::map<std::string, long long> packs(Packs.begin(), Packs.end());
        in->PackVersions.assign(packs.begin(), packs.end());
        if (!Pack)
            return;
        // The say per theme, visit by visit; within a visit in the order the answers were
        // given (answered_at, seq), as the kiosk gave them. The order of visits changes no sum.
        std::stable_sort(Say.begin(), Say.end(), [&](const SayRow& a, const SayRow& b) {
            if (a.Visit != b.Visit)
                return a.Visit < b.Visit;
            const int at = Arena.compare(a.At, a.AtLength, Arena, b.At, b.AtLength);
            return at != 0 ? at < 0 : a.Seq < b.Seq;
        });
        SayCounter counter(*Pack);
        std::string visit;
        for (const SayRow& r : Say) {
            visit = std::to_string(r.Visit); // SayCounter only tells one visit from the next
            counter.Add(visit, Names[r.Question], Names[r.Value]);
        }
        in->Say = counter.Finish();
    }

private:
    uint32_t Intern(std::string_view s) {
        Scratch = s; // one buffer, reused: no allocation once the ids are known
        auto [it, added] = NameOf.try_emplace(Scratch, uint32_t(Names.size()));
        if (added)
            Names.push_back(Scratch);
        return it->second;
    }

    const content::Pack* Pack;
    std::set<std::string, std::less<>> Wanted; // std::less<>: looked up by a string_view
    std::string Key, LastSession, Scratch; // reused from row to row
    uint32_t Visit = 0;
    VisitTable Visits;
    std::vector<int64_t> VisitMax;
    long long Flagged = 0;
    std::string FirstDay, LastDay;
    std::unordered_map<std::string, long long> Packs, Tally;
    std::unordered_map<std::string, uint32_t> NameOf;
    std::vector<std::string> Names;
    std::vector<SayRow> Say;
    std::string Arena;
};

// The wijk's walk-in answers: counted per question, value and month; the flagged apart; and
// per visit those the say per theme needs (after ReadPack: which ones depends on the pack).
// One pass over the answers, streamed (on PostgreSQL through a cursor, so a million rows
// never sit in memory at once; a streamed statement takes no parameter, so the wijk is a
// quoted literal).
bool ReadAnswers(db::Conn* db, const std::string& wijk, Input* in, std::string* error) {
    // An answer changed on the way back ("Terug") counts only in its latest form. The report
    // never migrates a store, so an older one (a backup) has no superseded column: all count.
    const bool has_superseded = db->HasTable("answers", "superseded");
    const std::string sql =
        std::string("SELECT a.session_id, a.question_id, a.value, a.answered_at, a.flagged * 2 + ") +
        (has_superseded ? "CASE WHEN a.superseded = 0 THEN 0 ELSE 1 END" : "0") +
        ", a.pack_id, a.pack_version, a.seq" + WijkAnswers(db, wijk);
    AnswerPass pass(in->Pack ? &*in->Pack : nullptr);
    db::Stmt st(db, sql, db::Rows::Streamed);
    if (!st.Each([&](db::Stmt& row) { pass.Row(row); })) { // stopped part-way: no shorter report
        *error = "cannot read the store: " + db->Error();
        return false;
    }
    pass.Finish(in);
    // The kiosks that sent a counted answer (count(DISTINCT a.device_id) of those): one
    // look-up each in the kiosks' index.
    return Query(db,
                 "SELECT count(*) FROM devices d WHERE d.wijk = ?1 AND EXISTS "
                 "(SELECT 1 FROM answers a WHERE a.device_id = d.id AND a.flagged = 0)",
                 wijk)
        .Each([&](db::Stmt& st) { in->Kiosks = st.Int(0); }, error);
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
    if (!Query(db, "SELECT wijk FROM devices UNION SELECT wijk FROM packs ORDER BY 1", "").Each([&](db::Stmt& st) {
            std::string w = st.Text(0);
            list += (list.empty() ? "" : ", ") + w;
            if (strcasecmp(w.c_str(), asked.c_str()) == 0)
                close = w;
        }, &err))
        return " (the list of wijken could not be read: " + err + ")"; // a part of it would mislead
    if (!close.empty())
        return " (did you mean '" + close + "'? Names are matched exactly)";
    return list.empty() ? " (this store has no kiosks yet)" : " (this store knows: " + list + ")";
}

} // namespace

bool ReadStore(const std::string& path, const std::string& wijk, Input* in, std::string* error) {
    in->Wijk = wijk;
    if (wijk.find('\0') != std::string::npos) { // it would end the SQL text early (SqlLiteral)
        *error = "a wijk name cannot hold a NUL byte";
        return false;
    }
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
