// Reads what the report needs for one wijk from the store's database: read-only (the
// report never creates, migrates or changes a store), in one read transaction, so the
// figures are one snapshot even while the store is taking answers from kiosks.
#pragma once
#include "store/report/model.hpp"

#include <string>

namespace report {

// Fills everything of *in that the store holds (not Today, Per or Residents). false and
// a message a person understands when the file is not a store or the wijk is unknown.
bool ReadStore(const std::string& db_path, const std::string& wijk, Input* in, std::string* error);

// text as an SQL string literal that both engines read as text: in single quotes, each ' doubled
// (a streamed statement takes no parameter, db::Rows). No NUL byte: ReadStore refuses one.
std::string SqlLiteral(const std::string& text);

} // namespace report
