// Fuzz target: the batch, reply and content decoding of the sync protocol (sync/batch.cpp).
#include "sync/batch.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    std::string error;
    wsync::Batch batch;
    if (wsync::DecodeBatch(body, &batch, &error)) {
        std::string reason;
        for (const wsync::StoredAnswer& a : batch.Answers)
            wsync::ValidAnswer(a, &reason);
        wsync::Batch again;
        wsync::DecodeBatch(wsync::EncodeBatch(batch), &again, &error); // what we encode, we decode
    }
    // A reply is read against the batch that was sent: two fixed answers.
    wsync::Batch sent{"0b6f8d3e-1f7c-4a8e-9a3b-2c1d0e9f8a7b", {}};
    sent.Answers.resize(2);
    sent.Answers[0].Id = "018c2b5e-0000-7000-8000-000000000001";
    sent.Answers[1].Id = "018c2b5e-0000-7000-8000-000000000002";
    std::vector<wsync::AnswerResult> results;
    wsync::DecodeReply(body, sent, &results, &error);
    wsync::WijkContent content;
    wsync::DecodeContent(body, &content, &error);
    return 0;
}
