// A wijk or a dorp (table places, schema 7): the kind each wijk's texts are spelled for
// (content/pack.hpp place words). A wijk not in the table is a wijk.
#include "store/store.hpp"


namespace store {

using db::Exec;
using db::Optional;
using db::Stmt;

bool Store::SetPlace(const std::string& wijk, content::PlaceKind kind, std::string* error) {
    if (!KnowsWijk(wijk, error))
        return false;
    std::lock_guard<std::mutex> lock(Mu);
    Stmt st(Db, "INSERT INTO places(wijk, kind) VALUES(?1, ?2) ON CONFLICT(wijk) DO UPDATE SET kind = excluded.kind");
    st.BindOne(1, wijk);
    st.BindOne(2, content::PlaceKindName(kind));
    if (st.Step() != db::kDone) {
        *error = std::string("cannot store the kind of place: ") + Db->Error();
        return false;
    }
    return true;
}

content::PlaceKind Store::PlaceOf(const std::string& wijk) {
    std::lock_guard<std::mutex> lock(Mu);
    return PlaceLocked(wijk);
}

content::PlaceKind Store::PlaceLocked(const std::string& wijk) {
    Stmt st(Db, "SELECT kind FROM places WHERE wijk = ?1");
    st.BindOne(1, wijk);
    content::PlaceKind kind = content::PlaceKind::Wijk;
    if (st.Step() == db::kRow)
        content::ParsePlaceKind(st.Text(0), &kind);
    return kind;
}

} // namespace store
