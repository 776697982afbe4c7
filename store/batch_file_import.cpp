#include "store/batch_file_import.hpp"
#include "store/store.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

bool DecodeBatchFile(const std::string& contents, Store& store, Batch* out, std::string* error,
                     CampfireBatch* campfire_out) {
    auto key_for = [&](const std::string& device, std::string* pub, std::string* why) {
        DeviceInfo d;
        if (!store.Device(device, &d)) {
            *why = "kiosk " + device + " is not enrolled at this store (enrol it first: wijkstem enroll)";
            return false;
        }
        if (d.Revoked) {
            *why = "kiosk " + device + " has been revoked at this store; its files are not accepted";
            return false;
        }
        *pub = d.PublicKey;
        return true;
    };
    return CheckBatchFile(contents, key_for, out, error, campfire_out);
}

bool ReadBatchFile(const std::string& path, Store& store, Batch* out, std::string* error, CampfireBatch* campfire_out) {
    FILE* f = fopen(path.c_str(), "rb");
    if (!f) {
        *error = "cannot open " + path + ": " + strerror(errno);
        return false;
    }
    std::string contents;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0 && contents.size() <= kMaxBatchFileBytes)
        contents.append(buf, n);
    const bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        *error = "cannot read " + path;
        return false;
    }
    if (contents.size() > kMaxBatchFileBytes) {
        *error = path + " is larger than a batch file can be (" + std::to_string(kMaxBatchFileBytes >> 20) + " MiB)";
        return false;
    }
    return DecodeBatchFile(contents, store, out, error, campfire_out);
}

} // namespace store
