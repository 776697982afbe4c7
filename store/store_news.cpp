// The store's updates for residents (table news) and the receipts of visits (table
// receipts), schema 4; and what the public page /wijk/NAME reads (PublicData).
#include "store/store.hpp"
#include "content/pack_loader.hpp"
#include "sync/iso_time.hpp"
#include "sync/receipt.hpp"
#include "sync/signing.hpp"


#include <algorithm>
#include <set>

namespace store {

using namespace wsync;
using db::Exec;
using db::Optional;
using db::Stmt;

bool Store::AddNews(NewsItem* item, std::string* error) {
    if (!KnowsWijk(item->Wijk, error))
        return false;
    if (item->Date.empty())
        item->Date = IsoToday();
    item->Id = RandomToken(4);
    if (std::string why = NewsProblem(*item); !why.empty()) {
        *error = "the update was not stored: " + why;
        return false;
    }
    if (CountSentences(item->Text) > kMaxNewsSentences) {
        *error = "the update was not stored: its text has more than " + std::to_string(kMaxNewsSentences) +
                 " sentences; keep it short and plain";
        return false;
    }
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "INSERT INTO news(id, wijk, title, text, date, answers, created_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!st || !st.Run(item->Id, item->Wijk, item->Title, item->Text, item->Date, item->Answers, IsoNowSeconds())) {
        *error = std::string("cannot store the update: ") + Db->Error();
        return false;
    }
    return true;
}

void Store::NewsLocked(const std::string& wijk, std::vector<NewsItem>* out) {
    out->clear();
    Stmt st(Db, "SELECT id, wijk, title, text, date, answers FROM news WHERE wijk = ?1 "
                "ORDER BY date DESC, created_at DESC, rowid DESC LIMIT ?2");
    st.Bind(wijk, int64_t(kMaxNewsPerWijk));
    while (st.Step() == db::kRow) {
        NewsItem n;
        st.Cols(&n.Id, &n.Wijk, &n.Title, &n.Text, &n.Date, &n.Answers);
        out->push_back(std::move(n));
    }
}

bool Store::News(const std::string& wijk, std::vector<NewsItem>* out, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    out->clear();
    Stmt st(Db, "SELECT id, wijk, title, text, date, answers FROM news WHERE ?1 = '' OR wijk = ?1 "
                "ORDER BY wijk, date DESC, created_at DESC, rowid DESC");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    st.Bind(wijk);
    while (st.Step() == db::kRow) {
        NewsItem n;
        st.Cols(&n.Id, &n.Wijk, &n.Title, &n.Text, &n.Date, &n.Answers);
        out->push_back(std::move(n));
    }
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

bool Store::RemoveNews(const std::string& id, std::string* error) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "DELETE FROM news WHERE id = ?1");
    if (!st || !st.Run(id)) {
        *error = "cannot remove the update: " + Db->Error();
        return false;
    }
    if (st.Changes() == 0) {
        *error = "there is no update with id " + id + " (see news list)";
        return false;
    }
    return true;
}

bool Store::NoteReceipts(const Batch& batch, const std::vector<AnswerResult>& results, std::string* error) {
    std::set<std::string> sessions; // visits with an answer that is new here
    for (size_t i = 0; i < results.size() && i < batch.Answers.size(); i++)
        if (results[i].Status == AnswerStatus::Stored)
            sessions.insert(batch.Answers[i].SessionId);
    if (sessions.empty())
        return true;
    Stmt key(Db, "SELECT token_hash FROM devices WHERE id = ?1");
    key.Bind(batch.DeviceId);
    if (!key || key.Step() != db::kRow) {
        *error = "the device has no token";
        return false;
    }
    const std::string key_hex = key.Text(0);
    // One INSERT for the batch's visits (a few hundred at most: a batch has 1000 answers). On
    // PostgreSQL the codes are one array parameter: one prepared statement for any number.
    std::vector<std::string> codes;
    for (const std::string& session : sessions)
        codes.push_back(ReceiptCode(key_hex, session));
    std::string sql = "INSERT INTO receipts(code, received_on) SELECT code, ?1 FROM unnest(CAST(?2 AS text[])) "
                      "AS u(code) ON CONFLICT DO NOTHING";
    if (Db->Kind() != db::Backend::Postgres) {
        sql = "INSERT INTO receipts(code, received_on) VALUES ";
        for (size_t i = 0; i < codes.size(); i++)
            sql += (i ? ", (?" : "(?") + std::to_string(i + 2) + ", ?1)";
        sql += " ON CONFLICT DO NOTHING";
    }
    Stmt insert(Db, sql);
    insert.BindOne(1, IsoToday());
    db::BindTexts(Db, &insert, 2, std::vector<std::string_view>(codes.begin(), codes.end()));
    if (insert.Step() != db::kDone) {
        *error = Db->Error();
        return false;
    }
    return true;
}

bool Store::ReceiptReceived(const std::string& code, std::string* day) {
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "SELECT received_on FROM receipts WHERE code = ?1");
    st.Bind(code);
    if (!st || st.Step() != db::kRow)
        return false;
    *day = st.Text(0);
    return true;
}

bool Store::PublicData(const std::string& wijk, PublicWijk* out, std::string* error) {
    std::vector<std::string> wijken;
    if (!Wijken(&wijken, error))
        return false;
    if (std::find(wijken.begin(), wijken.end(), wijk) == wijken.end()) {
        *error = "unknown wijk";
        return false;
    }
    std::lock_guard<std::mutex> lock(Mu);
    *out = {};
    out->Wijk = wijk;
    content::LoadOptions place; // the pack's words for a dorp where the wijk is one
    place.Place = out->Place = PlaceLocked(wijk);
    {
        Stmt st(Db, "SELECT body FROM packs WHERE wijk = ?1");
        st.Bind(wijk);
        if (st && st.Step() == db::kRow)
            out->Pack = content::LoadPackText(st.Text(0), "the wijk's pack", place).Pack;
    }
    if (out->Pack.Id.empty()) { // nothing published: the pack the kiosks answer with
        Stmt st(Db, "SELECT a.pack_id, a.pack_version FROM answers a JOIN devices d ON d.id = a.device_id "
                    "WHERE d.wijk = ?1 ORDER BY a.rowid DESC LIMIT 1");
        st.Bind(wijk);
        if (st && st.Step() == db::kRow)
            if (const content::Pack* p = Catalog.Find(st.Text(0), st.Text(1))) {
                out->Pack = *p; // spelled for a wijk when loaded; a dorp's words from its folder
                if (place.Place != p->Place && !p->Dir.empty())
                    if (content::LoadResult r = content::LoadPack(p->Dir, place); r.Ok())
                        out->Pack = std::move(r.Pack);
            }
    }
    WijkTalliesLocked(wijk, &out->Results);
    NewsLocked(wijk, &out->News);
    // What the agreements table holds; its statuses are the campfire's and the gebiedsteam's.
    Stmt st(Db, "SELECT what, who, coalesce(due, ''), status FROM agreements WHERE wijk = ?1 ORDER BY created_at, id");
    if (!st) {
        *error = Db->Error();
        return false;
    }
    st.Bind(wijk);
    while (st.Step() == db::kRow) {
        PublicAgreement a;
        st.Cols(&a.What, &a.Who, &a.Due, &a.Status);
        out->Agreements.push_back(std::move(a));
    }
    if (st.Failed()) {
        *error = "cannot read the store: " + Db->Error();
        return false;
    }
    return true;
}

} // namespace store
