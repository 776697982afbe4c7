// The batch format: what a kiosk sends, and how it judges the reply.
#include "sync/batch.hpp"
#include "sync/uuid.hpp"

#include <doctest/doctest.h>

using namespace wsync;

namespace {

StoredAnswer Answer(int64_t seq) {
    return {NewUuidV7(1795000000000 + seq), seq, NewUuidV4(), "gronings-model", "2.1.0", "prettig-wonen", "4",
            "2026-11-28T12:00:00.000Z"};
}

} // namespace

TEST_CASE("a batch survives encoding and decoding") {
    Batch b{NewUuidV4(), {Answer(1), Answer(2)}};
    b.Answers[1].Value = "groen,\"spelen\"\n"; // quotes and line breaks travel as they are
    Batch back;
    std::string error;
    REQUIRE_MESSAGE(DecodeBatch(EncodeBatch(b), &back, &error), error);
    CHECK(back.DeviceId == b.DeviceId);
    REQUIRE(back.Answers.size() == 2);
    CHECK(back.Answers[1].Id == b.Answers[1].Id);
    CHECK(back.Answers[1].Seq == 2);
    CHECK(back.Answers[1].Value == b.Answers[1].Value);
    CHECK(back.Answers[0].AnsweredAt == b.Answers[0].AnsweredAt);
}

TEST_CASE("a malformed batch is refused with a reason") {
    Batch out;
    std::string error;
    CHECK_FALSE(DecodeBatch("{\"device_id\": ", &out, &error)); // cut off
    CHECK(error.find("not a JSON object") != std::string::npos);
    CHECK_FALSE(DecodeBatch("{\"device_id\": \"\xff\", \"answers\": []}", &out, &error)); // invalid UTF-8
    CHECK_FALSE(DecodeBatch("{\"device_id\": \"me\", \"answers\": []}", &out, &error));
    CHECK(error.find("device_id") != std::string::npos);
    CHECK_FALSE(DecodeBatch("{\"device_id\": \"" + NewUuidV4() + "\"}", &out, &error));
    CHECK(error.find("answers") != std::string::npos);

    Batch big{NewUuidV4(), {}};
    for (int i = 1; i <= int(kMaxBatchAnswers) + 1; i++)
        big.Answers.push_back(Answer(i));
    CHECK_FALSE(DecodeBatch(EncodeBatch(big), &out, &error));
    CHECK(error.find("at most 1000") != std::string::npos);
}

TEST_CASE("each answer is checked before it is stored") {
    std::string reason;
    StoredAnswer a = Answer(1);
    CHECK(ValidAnswer(a, &reason));
    StoredAnswer bad = a;
    bad.Id = "x";
    CHECK_FALSE(ValidAnswer(bad, &reason));
    bad = a;
    bad.Seq = 0;
    CHECK_FALSE(ValidAnswer(bad, &reason));
    bad = a;
    bad.QuestionId = "";
    CHECK_FALSE(ValidAnswer(bad, &reason));
    bad = a;
    bad.AnsweredAt = "gisteren";
    CHECK_FALSE(ValidAnswer(bad, &reason));
    bad = a;
    bad.Value = std::string(5000, 'x');
    CHECK_FALSE(ValidAnswer(bad, &reason));
}

TEST_CASE("only the store's own reply for exactly the answers sent counts") {
    Batch sent{NewUuidV4(), {Answer(1), Answer(2)}};
    std::vector<AnswerResult> out;
    std::string error;

    std::string good = EncodeReply({{sent.Answers[0].Id, AnswerStatus::Stored, {}},
                                    {sent.Answers[1].Id, AnswerStatus::AlreadyStored, {}}});
    REQUIRE(DecodeReply(good, sent, &out, &error));
    CHECK(out[0].Status == AnswerStatus::Stored);
    CHECK(out[1].Status == AnswerStatus::AlreadyStored);

    SUBCASE("a captive portal's page with status 200") {
        CHECK_FALSE(DecodeReply("<html><body>Welkom bij het gastnetwerk</body></html>", sent, &out, &error));
        CHECK(error.find("not from a Wijkstem store") != std::string::npos);
    }
    SUBCASE("a cut-off reply") {
        CHECK_FALSE(DecodeReply(good.substr(0, good.size() / 2), sent, &out, &error));
    }
    SUBCASE("JSON from something else") {
        CHECK_FALSE(DecodeReply("{\"results\": []}", sent, &out, &error));
    }
    SUBCASE("a reply that misses an answer") {
        CHECK_FALSE(DecodeReply(EncodeReply({{sent.Answers[0].Id, AnswerStatus::Stored, {}}}), sent, &out, &error));
        CHECK(error.find("every answer") != std::string::npos);
    }
    SUBCASE("a reply about an answer that was not sent") {
        CHECK_FALSE(DecodeReply(EncodeReply({{sent.Answers[0].Id, AnswerStatus::Stored, {}},
                                             {NewUuidV7(1), AnswerStatus::Stored, {}}}),
                                sent, &out, &error));
    }
}

TEST_CASE("the batch reader takes any key order, skips unknown keys and refuses what is not a batch") {
    const std::string dev = NewUuidV4();
    const StoredAnswer a = Answer(7);
    Batch out;
    std::string error;
    // Keys in another order, an unknown key (with nested values) at each level.
    const std::string body = "{\"extra\": {\"answers\": [1, 2]}, \"answers\": [{\"value\": \"4\", \"note\": [\"x\", {\"id\": "
                             "\"not-this\"}], \"seq\": 7, \"id\": \"" +
                             a.Id + "\", \"session_id\": \"" + a.SessionId +
                             "\", \"pack_id\": \"p\", \"pack_version\": \"1\", \"question_id\": \"q\", \"answered_at\": \"" +
                             a.AnsweredAt + "\"}], \"device_id\": \"" + dev + "\"}";
    REQUIRE_MESSAGE(DecodeBatch(body, &out, &error), error);
    CHECK(out.DeviceId == dev);
    REQUIRE(out.Answers.size() == 1);
    CHECK(out.Answers[0].Id == a.Id);
    CHECK(out.Answers[0].Seq == 7);
    CHECK(out.Answers[0].Value == "4");
    std::string reason;
    CHECK(ValidAnswer(out.Answers[0], &reason));

    // A field of the wrong type reads as empty, and the answer is then refused, not stored.
    REQUIRE(DecodeBatch("{\"device_id\": \"" + dev + "\", \"answers\": [{\"id\": 5, \"seq\": \"1\"}]}", &out, &error));
    CHECK_FALSE(ValidAnswer(out.Answers[0], &reason));

    CHECK_FALSE(DecodeBatch("[1, 2]", &out, &error));
    CHECK(error.find("not a JSON object") != std::string::npos);
    CHECK_FALSE(DecodeBatch("\"hallo\"", &out, &error));
    CHECK(error.find("not a JSON object") != std::string::npos);
    CHECK_FALSE(DecodeBatch("{\"device_id\": \"" + dev + "\", \"answers\": [1]}", &out, &error));
    CHECK(error.find("each answer must be an object") != std::string::npos);
    CHECK_FALSE(DecodeBatch("{\"device_id\": \"" + dev + "\", \"answers\": [[]]}", &out, &error));
    CHECK(error.find("each answer must be an object") != std::string::npos);
    CHECK_FALSE(DecodeBatch("{\"device_id\": \"" + dev + "\", \"answers\": {}}", &out, &error));
    CHECK(error.find("answers is missing") != std::string::npos);
    CHECK_FALSE(DecodeBatch("{\"device_id\": 12, \"answers\": []}", &out, &error));
    CHECK(error.find("device_id") != std::string::npos);
}

TEST_CASE("every character a value may hold survives the batch writer") {
    Batch b{NewUuidV4(), {Answer(1)}};
    std::string all;
    for (int c = 1; c < 0x80; c++)
        all += char(c);
    all += "ë é ï ó ü ç ş ğ ı ą ę ł ż — مرحبا — Привіт";
    b.Answers[0].Value = all;
    Batch back;
    std::string error;
    REQUIRE_MESSAGE(DecodeBatch(EncodeBatch(b), &back, &error), error);
    CHECK(back.Answers[0].Value == all);
}

TEST_CASE("a reply entry without an id, or a reply that is not an object, is refused") {
    Batch sent{NewUuidV4(), {Answer(1)}};
    std::vector<AnswerResult> out;
    std::string error;
    CHECK_FALSE(DecodeReply("{\"store\": \"wijkstem-store/1\", \"results\": [{\"status\": \"stored\"}]}", sent, &out, &error));
    CHECK(error.find("not sent") != std::string::npos);
    CHECK_FALSE(DecodeReply("[\"wijkstem-store/1\"]", sent, &out, &error));
    CHECK(error.find("not from a Wijkstem store") != std::string::npos);
    CHECK_FALSE(DecodeReply("{\"store\": \"wijkstem-store/1\", \"results\": [\"" + sent.Answers[0].Id + "\"]}", sent, &out,
                            &error));
    // An unknown status is not a success: the answer stays waiting.
    REQUIRE(DecodeReply("{\"store\": \"wijkstem-store/1\", \"results\": [{\"id\": \"" + sent.Answers[0].Id +
                            "\", \"status\": \"maybe\"}]}",
                        sent, &out, &error));
    CHECK(out[0].Status == AnswerStatus::Invalid);
}

TEST_CASE("the anti-stuffing flag travels in a batch; absent means false") {
    Batch b{NewUuidV4(), {Answer(1), Answer(2)}};
    b.Answers[1].Flagged = true;
    const std::string body = EncodeBatch(b);
    CHECK(body.find("\"flagged\":true") != std::string::npos);
    CHECK(body.find("\"flagged\":false") == std::string::npos); // only when true: batches stay small
    Batch back;
    std::string error;
    REQUIRE_MESSAGE(DecodeBatch(body, &back, &error), error);
    REQUIRE(back.Answers.size() == 2);
    CHECK_FALSE(back.Answers[0].Flagged);
    CHECK(back.Answers[1].Flagged);

    // As a kiosk from before the flag sends it, and with the flag spelt out either way.
    const std::string device = NewUuidV4();
    auto one = [&](const std::string& extra) {
        return "{\"answers\":[{\"id\":\"" + Answer(1).Id +
               "\",\"seq\":1,\"session_id\":\"" + NewUuidV4() +
               "\",\"pack_id\":\"p\",\"pack_version\":\"1\",\"question_id\":\"q\",\"value\":\"v\","
               "\"answered_at\":\"2026-11-28T12:00:00.000Z\"" + extra + "}],\"device_id\":\"" + device + "\"}";
    };
    REQUIRE(DecodeBatch(one(""), &back, &error));
    CHECK_FALSE(back.Answers[0].Flagged);
    REQUIRE(DecodeBatch(one(",\"flagged\":false"), &back, &error));
    CHECK_FALSE(back.Answers[0].Flagged);
    REQUIRE(DecodeBatch(one(",\"flagged\":true"), &back, &error));
    CHECK(back.Answers[0].Flagged);
    // A boolean elsewhere is still refused where it does not belong.
    CHECK_FALSE(DecodeBatch("{\"device_id\":\"" + device + "\",\"answers\":[true]}", &back, &error));
    CHECK_FALSE(DecodeBatch("true", &back, &error));
}

TEST_CASE("decoding: an answer with a field missing or of the wrong type is invalid, the others stay (hostile client, issue 17)") {
    const std::string good = R"({"id":"018c2b5e-0000-7000-8000-000000000001","seq":1,"session_id":"0b6f8d3e-1f7c-4a8e-9a3b-2c1d0e9f8a7b",)"
                             R"("pack_id":"gronings-model","pack_version":"2.4.0","question_id":"prettig-wonen","value":"4",)"
                             R"("answered_at":"2026-11-28T12:00:00.000Z"})";
    struct Case {
        std::string From, To, Reason;
    };
    // Before: a value that was a number, null or missing was stored as "", and "flagged": "yes" as false.
    for (const Case& c : std::vector<Case>{{R"("value":"4")", R"("value":4)", "value must be a string"},
                                           {R"("value":"4")", R"("value":null)", "value must be a string"},
                                           {R"(,"value":"4")", "", "value is missing"},
                                           {R"("value":"4")", R"("value":["4"])", "value must be a string"},
                                           {R"("value":"4")", R"("value":{"a":"4"})", "value must be a string"},
                                           {R"("seq":1)", R"("seq":"1")", "seq must be a whole number"},
                                           {R"("seq":1)", R"("seq":1.5)", "seq must be a whole number"},
                                           {R"("value":"4")", R"("value":"4","flagged":"yes")", "flagged must be true or false"},
                                           {R"("pack_id":"gronings-model")", R"("pack_id":true)", "pack_id must be a string"}}) {
        CAPTURE(c.To);
        std::string bad = good;
        bad.replace(bad.find(c.From), c.From.size(), c.To);
        Batch b;
        std::string error;
        REQUIRE_MESSAGE(DecodeBatch(R"({"device_id":"0b6f8d3e-1f7c-4a8e-9a3b-2c1d0e9f8a7b","answers":[)" + bad + "," +
                                        good + "]}",
                                    &b, &error),
                        error);
        REQUIRE(b.Answers.size() == 2);
        std::string reason;
        CHECK_FALSE(ValidAnswer(b.Answers[0], &reason));
        CHECK(reason == c.Reason);
        CHECK(ValidAnswer(b.Answers[1], &reason));
    }
}

TEST_CASE("an answer changed on the way back names the one it replaces; absent means none") {
    Batch b{NewUuidV4(), {Answer(1), Answer(2)}};
    b.Answers[1].SessionId = b.Answers[0].SessionId;
    b.Answers[1].Replaces = b.Answers[0].Id;
    const std::string body = EncodeBatch(b);
    CHECK(body.find("\"replaces\":\"" + b.Answers[0].Id + "\"") != std::string::npos);
    CHECK(body.find("\"replaces\":\"\"") == std::string::npos); // only when it replaces one
    Batch back;
    std::string error, reason;
    REQUIRE_MESSAGE(DecodeBatch(body, &back, &error), error);
    CHECK(back.Answers[0].Replaces.empty());
    CHECK(back.Answers[1].Replaces == b.Answers[0].Id);
    CHECK(ValidAnswer(back.Answers[1], &reason));

    StoredAnswer self = Answer(3);
    self.Replaces = self.Id;
    CHECK_FALSE(ValidAnswer(self, &reason));
    CHECK(reason == "replaces must be the UUID of another answer");
    self.Replaces = "../answers";
    CHECK_FALSE(ValidAnswer(self, &reason));
    REQUIRE(DecodeBatch("{\"device_id\":\"" + b.DeviceId + "\",\"answers\":[{\"id\":\"" + Answer(4).Id +
                            "\",\"seq\":4,\"session_id\":\"" + NewUuidV4() +
                            "\",\"pack_id\":\"p\",\"pack_version\":\"1\",\"question_id\":\"q\",\"value\":\"v\","
                            "\"answered_at\":\"2026-11-28T12:00:00.000Z\",\"replaces\":4}]}",
                        &back, &error));
    CHECK_FALSE(ValidAnswer(back.Answers[0], &reason));
    CHECK(reason == "replaces must be a string");
}
