// The batch file: a kiosk's waiting answers on a USB stick, for a building without a
// network (docs/sync-protocol.md, "A batch file on a USB stick"). One JSON file holding
// a manifest (device, sequence range, count, SHA-256 of the batch), the manifest's
// Ed25519 signature by the device key, and the batch itself. The store checks all of it
// and refuses the whole file on any mismatch. No ImGui, no HTTP.
#pragma once
#include "sync/batch.hpp"
#include "sync/campfire_records.hpp"

#include <cstdio>
#include <functional>
#include <string>

namespace wsync {

class Journal;

constexpr const char* kBatchFileFormat = "wijkstem-batch-file/1";
constexpr size_t kMaxBatchFileBytes = size_t(256) * 1024 * 1024; // a reader refuses anything bigger

// The file's bytes for batch, signed with secret_hex (pure; the tests build files with
// it). False when the batch is empty or the key is unusable.
// With group (campfire data, docs/campfire.md), the file also has a "group" member, its
// hash in the manifest; a file may then hold no answers.
bool EncodeBatchFile(const Batch& batch, const std::string& secret_hex, const std::string& created_at,
                     std::string* contents, std::string* error, const CampfireBatch* group = nullptr);

// The name a file for batch gets: wijkstem-DEVICE-SEQFROM-SEQTO.json.
std::string BatchFileName(const Batch& batch);

// Writes every answer (and all campfire data) the journal still has waiting as one signed file in out_dir:
// to a temporary name, fsynced, renamed, the folder fsynced. Exporting marks nothing
// synced: the answers wait until a store acknowledges them (the next network sync).
// Nothing waiting: true, *path empty, no file. *message says what happened in words.
bool WriteBatchFile(Journal& journal, const std::string& out_dir, std::string* path, std::string* message);

// The device's public key (hex) for a device id; false and *why when it has none (not
// enrolled, revoked).
using PublicKeyLookup = std::function<bool(const std::string& device_id, std::string* public_hex, std::string* why)>;

// Checks a file's bytes: the format, the signature with key_for's key, the SHA-256, the
// count and the seq range. The store-free core of the
// store's import (store/batch_file_import.hpp).
// Campfire data in the file are checked the same way and go to *campfire_out (if given).
bool CheckBatchFile(const std::string& contents, const PublicKeyLookup& key_for, Batch* out, std::string* error,
                    CampfireBatch* campfire_out = nullptr);
// The same on an open file, streaming: one pass over its structure keeps only format,
// manifest (at most 64 KiB) and signature; the batch is read (seeking back) only after
// the signature held, and only as many bytes as the signed manifest says. An unsigned or
// forged file of any size is refused with a few hundred KiB of memory.
bool CheckBatchFileStream(FILE* file, const PublicKeyLookup& key_for, Batch* out, std::string* error,
                          CampfireBatch* campfire_out = nullptr);

} // namespace wsync
