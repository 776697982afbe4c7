// Fuzz target: the campfire batch and its reply (sync/campfire_batch.cpp).
#include "sync/campfire_batch.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    std::string error, reason;
    wsync::CampfireBatch batch;
    if (wsync::DecodeCampfireBatch(body, &batch, &error)) {
        for (const auto& s : batch.Sessions)
            wsync::ValidCampfireSession(s, &reason);
        for (const auto& r : batch.Results)
            wsync::ValidCampfireResult(r, &reason);
        for (const auto& a : batch.Agreements)
            wsync::ValidAgreement(a, &reason);
        wsync::CampfireReply reply;
        wsync::DecodeCampfireReply(body, batch, &reply, &error);
        wsync::CampfireBatch again;
        wsync::DecodeCampfireBatch(wsync::EncodeCampfireBatch(batch), &again, &error);
    }
    return 0;
}
