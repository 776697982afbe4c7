// Stap 3 at the store: the status and note of every agreement, changed by the gebiedsteam
// (the CLI, the console) and by facilitators at later campfire meetings (the sync). Every
// change is a row of agreement_changes, never overwritten; the agreement's status is the
// one of its latest change (by time; ties by the larger id). docs/campfire.md, "Stap 3".
#pragma once
#include "sync/campfire_records.hpp"

#include <string>
#include <vector>

#include "store/db.hpp"

namespace store {

// The tables (IF NOT EXISTS: run at every open, after the migrations).
bool CreateAgreementTables(db::Conn* db, std::string* error);

enum class ChangeResult { Stored, AlreadyStored, Conflict, Invalid };

// One change into the history, then the agreement's status and note follow the latest
// change. Inside the caller's transaction. The agreement must exist and, when wijk is not
// empty, be of that wijk. c.Source as given (the caller sets it). *reason says why not
// (Invalid, Conflict); false only on a database error (*reason says what).
bool PutAgreementChange(db::Conn* db, const wsync::AgreementChangeRecord& c, const std::string& wijk,
                        ChangeResult* result, std::string* reason);

// Sets agreements.status to that of the latest change (a kiosk's own re-sent agreement
// may have written an older one).
bool ResolveAgreement(db::Conn* db, const std::string& agreement_id, std::string* error);

// The agreements of a wijk (every wijk when empty), oldest first, with the status, note,
// time and source of the latest change and their session; and their whole history.
bool ReadAgreements(db::Conn* db, const std::string& wijk, std::vector<wsync::AgreementRecord>* list,
                    std::vector<wsync::AgreementChangeRecord>* history, std::string* error);

} // namespace store
