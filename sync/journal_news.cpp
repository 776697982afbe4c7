// The journal's part for the wijk's updates for residents (table news, schema 8): the
// store's list replaces the last one whole, in one transaction.
#include "sync/journal.hpp"
#include "sync/news.hpp"
#include "sync/sqlite_util.hpp"

#include <sqlite3.h>

namespace wsync {

using namespace sql; // sync/sqlite_util.hpp

bool Journal::SetNews(const std::vector<NewsItem>& items, std::string* error) {
    std::string err;
    Transaction tx(Db);
    bool ok = tx.Begun(&err) && Exec(Db, "DELETE FROM news", &err);
    if (ok) {
        Stmt st(Db, "INSERT INTO news(id, position, title, text, date, answers) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        ok = bool(st);
        for (size_t i = 0; ok && i < items.size(); i++)
            ok = st.Run(items[i].Id, int64_t(i), items[i].Title, items[i].Text, items[i].Date, items[i].Answers);
        if (!ok)
            err = sqlite3_errmsg(Db);
    }
    if (ok && tx.Commit(&err))
        return true;
    if (error)
        *error = "cannot keep the wijk's updates: " + err;
    return false;
}

bool Journal::News(std::vector<NewsItem>* out, std::string* error) {
    out->clear();
    Stmt st(Db, "SELECT id, title, text, date, answers FROM news ORDER BY position");
    if (!st) {
        if (error)
            *error = sqlite3_errmsg(Db);
        return false;
    }
    while (sqlite3_step(st.S) == SQLITE_ROW) {
        NewsItem n;
        Cols(st.S, &n.Id, &n.Title, &n.Text, &n.Date, &n.Answers);
        out->push_back(std::move(n));
    }
    return true;
}

} // namespace wsync
