#include "sync/iso_time.hpp"
#include "sync/batch_file.hpp"
#include "sync/atomic_file.hpp"
#include "sync/campfire_batch.hpp"
#include "sync/journal.hpp"
#include "sync/signing.hpp"
#include "sync/uuid.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wsync {

using nlohmann::json;

namespace {

bool IsHex(const std::string& s, size_t len) {
    if (s.size() != len)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}


} // namespace

std::string BatchFileName(const Batch& batch) {
    if (batch.Answers.empty()) // campfire data only (or nothing)
        return "wijkstem-" + batch.DeviceId + "-campfire.json";
    return "wijkstem-" + batch.DeviceId + "-" + std::to_string(batch.Answers.front().Seq) + "-" +
           std::to_string(batch.Answers.back().Seq) + ".json";
}

bool EncodeBatchFile(const Batch& batch, const std::string& secret_hex, const std::string& created_at,
                     std::string* contents, std::string* error, const CampfireBatch* group) {
    const bool with_campfire = group && !group->Empty();
    if (batch.Answers.empty() && !with_campfire) {
        *error = "there are no answers to put in a batch file";
        return false;
    }
    const std::string body = EncodeBatch(batch);
    // The manifest travels as a string, so the signature covers exactly these bytes.
    json m = {{"format", kBatchFileFormat},
              {"device_id", batch.DeviceId},
              {"seq_from", batch.Answers.empty() ? 0 : batch.Answers.front().Seq},
              {"seq_to", batch.Answers.empty() ? 0 : batch.Answers.back().Seq},
              {"count", batch.Answers.size()},
              {"bytes", body.size()},
              {"sha256", Sha256Hex(body)},
              {"created_at", created_at}};
    std::string campfire_body;
    if (with_campfire) { // campfire data (POST /v1/group's body), signed through its hash
        campfire_body = EncodeCampfireBatch(*group);
        m["campfire_count"] = group->Size();
        m["campfire_bytes"] = campfire_body.size();
        m["group_sha256"] = Sha256Hex(campfire_body);
    }
    const std::string manifest = m.dump();
    const std::string signature = Sign(manifest, secret_hex);
    if (signature.empty()) {
        *error = "the device key cannot sign (the journal's key is damaged)";
        return false;
    }
    // One member a line, so the file is readable with a pager; the order is fixed.
    *contents = "{\"format\": " + json(kBatchFileFormat).dump() + ",\n \"manifest\": " + json(manifest).dump() +
                ",\n \"signature\": " + json(signature).dump() + ",\n \"batch\": " + json(body).dump();
    if (with_campfire)
        *contents += ",\n \"group\": " + json(campfire_body).dump();
    *contents += "}\n";
    return true;
}

bool WriteBatchFile(Journal& journal, const std::string& out_dir, std::string* path, std::string* message) {
    path->clear();
    std::string error;
    Batch batch{journal.DeviceId(), {}};
    // All of it: a file has no request-size limit (the store stores it in one transaction).
    if (!journal.Waiting(size_t(100) * 1000 * 1000, SIZE_MAX / 4, &batch.Answers, &error)) {
        *message = error;
        return false;
    }
    CampfireBatch group;
    if (!journal.CampfireWaiting(size_t(100) * 1000 * 1000, &group, &error)) {
        *message = error;
        return false;
    }
    if (batch.Answers.empty() && group.Empty()) {
        *message = "nothing is waiting: every answer has been acknowledged by a store; no file written";
        return true;
    }
    struct stat st {};
    if (stat(out_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        *message = "the folder " + out_dir + " does not exist (is the USB stick mounted?)";
        return false;
    }
    std::string pub, sec;
    if (!journal.SigningKey(&pub, &sec, &error)) {
        *message = error;
        return false;
    }
    std::string contents;
    if (!EncodeBatchFile(batch, sec, IsoNowSeconds(), &contents, &error, &group)) {
        *message = error;
        return false;
    }
    const std::string name = BatchFileName(batch);
    const std::string final_path = out_dir + "/" + name;
    // Written whole or not at all, the rename flushed to the stick too (sync/atomic_file.cpp).
    if (!WriteFileAtomically(final_path, contents, message))
        return false;
    *path = final_path;
    *message = "exported " + std::to_string(batch.Answers.size()) + " answer(s)" +
               (batch.Answers.empty() ? std::string()
                                      : ", seq " + std::to_string(batch.Answers.front().Seq) + " to " +
                                            std::to_string(batch.Answers.back().Seq)) +
               (group.Empty() ? std::string() : " and " + std::to_string(group.Size()) + " campfire item(s)") +
               ", to " + final_path +
               "\nthey stay waiting on this kiosk until a store acknowledges them (the next network sync); "
               "importing them more than once is harmless";
    return true;
}

bool CheckBatchFile(const std::string& contents, const PublicKeyLookup& key_for, Batch* out, std::string* error,
                    CampfireBatch* campfire_out) {
    auto refuse = [&](const std::string& why) {
        *error = why;
        return false;
    };
    json file = json::parse(contents, nullptr, false);
    if (file.is_discarded() || !file.is_object())
        return refuse("the file is not a complete batch file: it is cut off (was the stick pulled out too early?) "
                      "or damaged");
    if (!file.contains("format") || file["format"] != kBatchFileFormat)
        return refuse(std::string("the file is not a Wijkstem batch file (no \"format\": \"") + kBatchFileFormat +
                      "\")");
    for (const char* k : {"manifest", "signature", "batch"})
        if (!file.contains(k) || !file[k].is_string())
            return refuse(std::string("the batch file has no ") + k);
    const std::string manifest_text = file["manifest"];
    const std::string signature = file["signature"];
    const std::string body = file["batch"];

    json m = json::parse(manifest_text, nullptr, false);
    auto integer = [&](const char* k) { return m.contains(k) && m[k].is_number_integer(); };
    auto text = [&](const char* k) { return m.contains(k) && m[k].is_string(); };
    if (m.is_discarded() || !m.is_object() || !text("format") || m["format"] != kBatchFileFormat ||
        !text("device_id") || !integer("seq_from") || !integer("seq_to") || !integer("count") || !integer("bytes") ||
        !text("sha256") || !text("created_at"))
        return refuse("the batch file's manifest is incomplete or damaged");
    const std::string device = m["device_id"];
    if (!IsUuid(device))
        return refuse("the manifest's device_id is not a UUID");

    // The signature first: nothing in an unsigned manifest is worth believing.
    std::string pub, why;
    if (!key_for(device, &pub, &why))
        return refuse(why);
    if (!IsHex(signature, 128) || !Verify(manifest_text, signature, pub))
        return refuse("the signature does not match kiosk " + device +
                      "'s key: the manifest was changed, or another kiosk signed it");

    const int64_t seq_from = m["seq_from"], seq_to = m["seq_to"], count = m["count"], bytes = m["bytes"];
    if (int64_t(body.size()) != bytes)
        return refuse("the batch has " + std::to_string(body.size()) + " bytes, the manifest says " +
                      std::to_string(bytes) + ": the file was changed or damaged");
    if (Sha256Hex(body) != m["sha256"].get<std::string>())
        return refuse("the batch does not match the SHA-256 in its manifest: the file was changed or damaged");

    // The batch itself, checked answer by answer with the network format's own decoder
    // (in slices: a file may hold more than one request's worth).
    json b = json::parse(body, nullptr, false);
    if (b.is_discarded() || !b.is_object() || !b.contains("answers") || !b["answers"].is_array() ||
        !b.contains("device_id"))
        return refuse("the batch is not a batch of answers");
    if (b["device_id"] != device)
        return refuse("the batch is for another device than its manifest");
    Batch all{device, {}};
    const json& answers = b["answers"];
    for (size_t i = 0; i < answers.size(); i += kMaxBatchAnswers) {
        json slice = json::array();
        for (size_t k = i; k < answers.size() && k < i + kMaxBatchAnswers; k++)
            slice.push_back(answers[k]);
        Batch part;
        if (!DecodeBatch(json{{"device_id", device}, {"answers", slice}}.dump(), &part, &why))
            return refuse("the batch is malformed: " + why);
        for (StoredAnswer& a : part.Answers)
            all.Answers.push_back(std::move(a));
    }
    // Campfire data, if any: its own string member, checked against the manifest's hash.
    CampfireBatch group;
    const bool with_campfire = m.contains("group_sha256");
    if (with_campfire) {
        if (!text("group_sha256") || !integer("campfire_bytes") || !integer("campfire_count"))
            return refuse("the batch file's manifest is incomplete or damaged");
        if (!file.contains("group") || !file["group"].is_string())
            return refuse("the batch file has no group");
        const std::string campfire_body = file["group"];
        if (int64_t(campfire_body.size()) != m["campfire_bytes"].get<int64_t>() ||
            Sha256Hex(campfire_body) != m["group_sha256"].get<std::string>())
            return refuse("the campfire data do not match the SHA-256 in the manifest: the file was changed or damaged");
        if (!DecodeCampfireBatch(campfire_body, &group, &why))
            return refuse("the campfire data are malformed: " + why);
        if (group.DeviceId != device)
            return refuse("the campfire data are for another device than the manifest");
        if (int64_t(group.Size()) != m["campfire_count"].get<int64_t>())
            return refuse("the file holds " + std::to_string(group.Size()) + " campfire item(s), the manifest says " +
                          std::to_string(m["campfire_count"].get<int64_t>()));
    }
    if (all.Answers.empty() && !with_campfire)
        return refuse("the batch file holds no answers");
    if (int64_t(all.Answers.size()) != count)
        return refuse("the batch holds " + std::to_string(all.Answers.size()) + " answer(s), the manifest says " +
                      std::to_string(count));
    for (size_t i = 1; i < all.Answers.size(); i++)
        if (all.Answers[i].Seq <= all.Answers[i - 1].Seq)
            return refuse("the batch's sequence numbers are not in rising order (seq " +
                          std::to_string(all.Answers[i].Seq) + " after " + std::to_string(all.Answers[i - 1].Seq) +
                          ")");
    if (!all.Answers.empty() && (all.Answers.front().Seq != seq_from || all.Answers.back().Seq != seq_to))
        return refuse("the batch runs from seq " + std::to_string(all.Answers.front().Seq) + " to " +
                      std::to_string(all.Answers.back().Seq) + ", the manifest says " + std::to_string(seq_from) +
                      " to " + std::to_string(seq_to));
    *out = std::move(all);
    if (campfire_out)
        *campfire_out = std::move(group);
    return true;
}

} // namespace wsync
