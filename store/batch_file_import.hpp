// The store's side of the batch file (sync/batch_file.hpp): the device's key comes from
// the store's own enrolment records.
#pragma once
#include "sync/batch_file.hpp"

#include <string>

namespace store {

class Store;

// Checks a file's bytes against the store: the format, the device (enrolled, not
// revoked), the signature with its public key, the SHA-256, the count and the seq range.
// Any mismatch: false and a reason a person understands; *out is then untouched.
bool DecodeBatchFile(const std::string& contents, Store& store, wsync::Batch* out, std::string* error,
                     wsync::CampfireBatch* campfire_out = nullptr);
// Reads path and DecodeBatchFile's it.
bool ReadBatchFile(const std::string& path, Store& store, wsync::Batch* out, std::string* error,
                   wsync::CampfireBatch* campfire_out = nullptr);

} // namespace store
