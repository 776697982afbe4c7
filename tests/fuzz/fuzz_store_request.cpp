// Fuzz target: the store's handling of a kiosk's request body, without a socket (the HTTP
// server is being replaced): the decoding the handlers do, then Store::StoreBatch and
// Store::StoreCampfireBatch on a real SQLite store in a temporary file. The first byte picks
// the path (/v1/batch or /v1/group), the rest is the body.
#include "store/store.hpp"
#include "sync/batch.hpp"
#include "sync/campfire_batch.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace {

store::Store& TheStore() {
    static std::unique_ptr<store::Store> s = [] {
        char tmpl[] = "/tmp/wijkstem-fuzz-store-XXXXXX";
        const std::string dir = mkdtemp(tmpl);
        std::string error;
        auto opened = store::Store::Open(dir + "/store.sqlite", &error);
        if (!opened)
            std::abort();
        std::atexit([] {}); // the folder stays for a look after a crash; /tmp is cleaned by the OS
        return opened;
    }();
    return *s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (body.size() > wsync::kMaxBatchBytes)
        return 0; // the server refuses bigger bodies before decoding (413)
    std::string error;
    if (data[0] % 2 == 0) {
        wsync::Batch batch;
        if (!wsync::DecodeBatch(body, &batch, &error) || batch.Answers.size() > wsync::kMaxBatchAnswers)
            return 0;
        std::vector<wsync::AnswerResult> results;
        if (TheStore().StoreBatch(batch, "network", &results, &error)) {
            if (results.size() != batch.Answers.size())
                std::abort(); // one status per answer
            wsync::EncodeReply(results);
        }
    } else {
        wsync::CampfireBatch batch;
        if (!wsync::DecodeCampfireBatch(body, &batch, &error))
            return 0;
        wsync::CampfireReply reply;
        if (TheStore().StoreCampfireBatch(batch, "network", &reply, &error))
            wsync::EncodeCampfireReply(reply);
    }
    return 0;
}
