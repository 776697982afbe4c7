#include "store/batch_file_import.hpp"
#include "store/store.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace store {

using namespace wsync; // the batch formats and SQLite helpers kiosk and store share

namespace {

// The device's key from the store's own enrolment records.
PublicKeyLookup KeyFrom(Store& store) {
    return [&store](const std::string& device, std::string* pub, std::string* why) {
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
}

} // namespace

bool DecodeBatchFile(const std::string& contents, Store& store, Batch* out, std::string* error,
                     CampfireBatch* campfire_out) {
    return CheckBatchFile(contents, KeyFrom(store), out, error, campfire_out);
}

bool ReadBatchFile(const std::string& path, Store& store, Batch* out, std::string* error, CampfireBatch* campfire_out) {
    FILE* f = fopen(path.c_str(), "rb");
    if (!f) {
        *error = "cannot open " + path + ": " + strerror(errno);
        return false;
    }
    // The size before a byte is read; then the file is streamed (CheckBatchFileStream),
    // never read whole: an unsigned file of any size is refused in little memory.
    struct stat st {};
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        *error = path + " is not a file";
        return false;
    }
    if (uint64_t(st.st_size) > kMaxBatchFileBytes) {
        fclose(f);
        *error = path + " is larger than a batch file can be (" + std::to_string(kMaxBatchFileBytes >> 20) + " MiB)";
        return false;
    }
    const bool ok = CheckBatchFileStream(f, KeyFrom(store), out, error, campfire_out);
    fclose(f);
    return ok;
}

} // namespace store
