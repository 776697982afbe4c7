#include "sync/iso_time.hpp"
#include "sync/batch_file.hpp"
#include "sync/text_check.hpp"
#include "sync/atomic_file.hpp"
#include "sync/campfire_batch.hpp"
#include "sync/journal.hpp"
#include "sync/private_file.hpp"
#include "sync/signing.hpp"
#include "sync/uuid.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <map>
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

namespace {

// A JSON reader over a seekable file that keeps only what it is asked to keep: the
// import reads an untrusted file of up to kMaxBatchFileBytes with a 64 KiB buffer, and
// holds the batch itself only after the manifest's signature held (finding 7).
class Scanner {
public:
    explicit Scanner(FILE* f) : F(f) {}
    int Peek() { return Pos < Len || Fill() ? static_cast<unsigned char>(Buf[Pos]) : -1; }
    int Get() { return Pos < Len || Fill() ? static_cast<unsigned char>(Buf[Pos++]) : -1; }
    uint64_t Offset() const { return Base + Pos; }
    bool Seek(uint64_t at) {
        Base = at, Pos = Len = 0;
        return fseeko(F, off_t(at), SEEK_SET) == 0;
    }
    void SkipSpace() {
        for (int c = Peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = Peek())
            Pos++;
    }
    // After a string's opening quote: its bytes, unescaped, into *out (the first max of
    // them; out may be null), their number in *total. False on malformed JSON or the end.
    bool String(std::string* out, size_t max, uint64_t* total) {
        *total = 0;
        auto put = [&](uint32_t cp) { // as UTF-8
            char b[4];
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n == 1)
                b[0] = char(cp);
            else {
                for (int i = n - 1; i > 0; i--, cp >>= 6)
                    b[i] = char(0x80 | (cp & 0x3F));
                b[0] = char((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
            }
            for (int i = 0; i < n; i++, ++*total)
                if (out && out->size() < max)
                    out->push_back(b[i]);
        };
        for (;;) {
            int c = Get();
            if (c < 0x20) // the end of the file, or a raw control character
                return false;
            if (c == '"')
                return true;
            if (c != '\\') {
                ++*total;
                if (out && out->size() < max)
                    out->push_back(char(c));
                continue;
            }
            c = Get();
            switch (c) {
            case '"': case '\\': case '/': put(uint32_t(c)); break;
            case 'b': put('\b'); break;
            case 'f': put('\f'); break;
            case 'n': put('\n'); break;
            case 'r': put('\r'); break;
            case 't': put('\t'); break;
            case 'u': {
                uint32_t cp;
                if (!Hex4(&cp) || (cp >= 0xDC00 && cp <= 0xDFFF))
                    return false;
                if (cp >= 0xD800 && cp <= 0xDBFF) { // a surrogate pair
                    uint32_t low;
                    if (Get() != '\\' || Get() != 'u' || !Hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                        return false;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                put(cp);
                break;
            }
            default: return false;
            }
        }
    }
    // A number, true, false or null (what a member we do not know may hold).
    bool SkipScalar() {
        size_t n = 0;
        for (int c = Peek(); c != -1 && (isalnum(c) || c == '-' || c == '+' || c == '.'); c = Peek(), n++)
            Pos++;
        return n > 0;
    }

private:
    bool Fill() {
        Base += Len, Pos = 0;
        Len = fread(Buf, 1, sizeof Buf, F);
        return Len > 0;
    }
    bool Hex4(uint32_t* v) {
        *v = 0;
        for (int i = 0; i < 4; i++) {
            const int c = Get();
            const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0)
                return false;
            *v = *v * 16 + uint32_t(d);
        }
        return true;
    }
    FILE* F;
    char Buf[65536];
    size_t Len = 0, Pos = 0;
    uint64_t Base = 0; // the file offset of Buf[0]
};

// A top-level member of the file: the small ones kept, the large ones (batch, group) only
// where they start, to be read once the signature held.
struct Member {
    bool Seen = false, IsString = false;
    uint64_t At = 0;     // offset just after the opening quote
    uint64_t Length = 0; // unescaped bytes
    std::string Value;   // format, manifest, signature: the first Keep bytes
    size_t Keep = 0;
};

constexpr size_t kMaxManifestBytes = 64 * 1024;

// The file's structure in one streaming pass: false when it is not one complete JSON
// object of members (a cut-off or damaged file).
bool ScanMembers(Scanner& in, std::map<std::string, Member>* members) {
    in.SkipSpace();
    if (in.Get() != '{')
        return false;
    in.SkipSpace();
    if (in.Peek() == '}') {
        in.Get();
    } else {
        for (;;) {
            std::string key;
            uint64_t n;
            if (in.Get() != '"' || !in.String(&key, 64, &n))
                return false;
            in.SkipSpace();
            if (in.Get() != ':')
                return false;
            in.SkipSpace();
            auto it = members->find(key);
            Member* m = it == members->end() || n > 64 ? nullptr : &it->second;
            if (m && m->Seen)
                return false; // a member twice: which one would count?
            if (m)
                m->Seen = true;
            if (in.Peek() == '"') {
                in.Get();
                if (m) {
                    m->IsString = true;
                    m->At = in.Offset();
                }
                if (!in.String(m ? &m->Value : nullptr, m ? m->Keep : 0, m ? &m->Length : &n))
                    return false;
            } else if (!in.SkipScalar()) {
                return false; // objects and lists are no part of the format
            }
            in.SkipSpace();
            const int c = in.Get();
            if (c == '}')
                break;
            if (c != ',')
                return false;
            in.SkipSpace();
        }
    }
    in.SkipSpace();
    return in.Peek() == -1;
}

} // namespace

bool CheckBatchFile(const std::string& contents, const PublicKeyLookup& key_for, Batch* out, std::string* error,
                    CampfireBatch* campfire_out) {
    FILE* f = contents.empty() ? nullptr : fmemopen(const_cast<char*>(contents.data()), contents.size(), "r");
    if (!f) {
        *error = "the file is not a complete batch file: it is cut off (was the stick pulled out too early?) or "
                 "damaged";
        return false;
    }
    const bool ok = CheckBatchFileStream(f, key_for, out, error, campfire_out);
    fclose(f);
    return ok;
}

bool CheckBatchFileStream(FILE* file, const PublicKeyLookup& key_for, Batch* out, std::string* error,
                          CampfireBatch* campfire_out) {
    auto refuse = [&](const std::string& why) {
        *error = why;
        return false;
    };
    // 1. The structure, streaming: only format, manifest and signature are kept.
    std::map<std::string, Member> members;
    members["format"].Keep = 64;
    members["manifest"].Keep = kMaxManifestBytes + 1;
    members["signature"].Keep = 256;
    members["batch"];
    members["group"];
    Scanner in(file);
    if (!ScanMembers(in, &members))
        return refuse("the file is not a complete batch file: it is cut off (was the stick pulled out too early?) "
                      "or damaged");
    const Member& format = members["format"];
    if (!format.IsString || format.Value != kBatchFileFormat)
        return refuse(std::string("the file is not a Wijkstem batch file (no \"format\": \"") + kBatchFileFormat +
                      "\")");
    for (const char* k : {"manifest", "signature", "batch"})
        if (!members[k].IsString)
            return refuse(std::string("the batch file has no ") + k);
    const std::string manifest_text = members["manifest"].Value;
    const std::string signature = members["signature"].Value;
    if (manifest_text.size() > kMaxManifestBytes)
        return refuse("the batch file's manifest is incomplete or damaged (longer than a manifest can be)");

    // 2. The manifest and its signature, before a byte of the batch is kept.
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
    if (!IsLowerHex(signature, 128) || !Verify(manifest_text, signature, pub))
        return refuse("the signature does not match kiosk " + device +
                      "'s key: the manifest was changed, or another kiosk signed it");

    const int64_t seq_from = m["seq_from"], seq_to = m["seq_to"], count = m["count"], bytes = m["bytes"];
    // 3. The batch, read only now and only as long as the signed manifest says.
    const Member& batch = members["batch"];
    if (int64_t(batch.Length) != bytes || bytes < 0)
        return refuse("the batch has " + std::to_string(batch.Length) + " bytes, the manifest says " +
                      std::to_string(bytes) + ": the file was changed or damaged");
    std::string body;
    body.reserve(size_t(bytes));
    uint64_t read_bytes = 0;
    if (!in.Seek(batch.At) || !in.String(&body, size_t(bytes), &read_bytes) || body.size() != size_t(bytes))
        return refuse("the batch file cannot be read again (was the stick pulled out?)");
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
        const Member& member = members["group"];
        if (!member.IsString)
            return refuse("the batch file has no group");
        std::string campfire_body;
        uint64_t n = 0;
        if (int64_t(member.Length) != m["campfire_bytes"].get<int64_t>() || !in.Seek(member.At) ||
            !in.String(&campfire_body, size_t(member.Length), &n) ||
            Sha256Hex(campfire_body) != m["group_sha256"].get<std::string>())
            return refuse("the campfire data do not match the SHA-256 in the manifest: the file was changed or damaged");
        if (!DecodeCampfireBatch(campfire_body, &group, &why))
            return refuse("the campfire data are malformed: " + why);
        if (group.DeviceId != device)
            return refuse("the campfire data are for another device than the manifest");
        group.FileCreatedAt = m["created_at"].get<std::string>();
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
