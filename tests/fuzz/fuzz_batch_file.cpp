// Fuzz target: the USB batch file check (sync/batch_file.cpp CheckBatchFile) and the
// store's import of it (store/batch_file_import.cpp: DecodeBatchFile, then StoreBatch and
// StoreCampfireBatch). The seeds are signed with a fixed test key pair, enrolled in the
// store under the seeds' device id, so mutations get past the signature now and then only
// where the fuzzer keeps the signed part; the format checks before it see everything.
#include "store/batch_file_import.hpp"
#include "store/store.hpp"
#include "sync/batch_file.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

// The device and public key that signed tests/fuzz/batch_file/ (tests/fuzz/make_seeds.cpp).
#include "tests/fuzz/batch_file_key.inc" // kPublicHex, kDeviceId

store::Store& TheStore() {
    static std::unique_ptr<store::Store> s = [] {
        char tmpl[] = "/tmp/wijkstem-fuzz-import-XXXXXX";
        const std::string dir = mkdtemp(tmpl);
        std::string error, code, token, wijk;
        auto opened = store::Store::Open(dir + "/store.sqlite", &error);
        bool forbidden = false;
        if (!opened || !opened->NewEnrollCode("Oosterpark", &code, &error) ||
            !opened->Enroll(code, kDeviceId, kPublicHex, &token, &wijk, &forbidden, &error))
            std::abort();
        return opened;
    }();
    return *s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string contents(reinterpret_cast<const char*>(data), size);
    std::string error;
    wsync::Batch batch;
    wsync::CampfireBatch campfire;
    auto key_for = [](const std::string& device, std::string* pub, std::string* why) {
        if (device != kDeviceId) {
            *why = "not enrolled";
            return false;
        }
        *pub = kPublicHex;
        return true;
    };
    wsync::CheckBatchFile(contents, key_for, &batch, &error, &campfire);
    batch = {};
    campfire = {};
    if (store::DecodeBatchFile(contents, TheStore(), &batch, &error, &campfire)) {
        std::vector<wsync::AnswerResult> results;
        TheStore().StoreBatch(batch, "usb", &results, &error);
        wsync::CampfireReply reply;
        if (!campfire.Empty())
            TheStore().StoreCampfireBatch(campfire, "usb", &reply, &error);
    }
    return 0;
}
