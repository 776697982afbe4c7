#include "sync/client.hpp"
#include "content/pack_loader.hpp"
#include "sync/atomic_file.hpp"
#include "sync/batch.hpp"
#include "sync/campfire_batch.hpp"
#include "sync/private_file.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unistd.h>

namespace wsync {

namespace {

// Keeps at most kMaxReplyBytes: returning less than given makes curl stop the transfer.
size_t Collect(char* data, size_t size, size_t n, void* out) {
    std::string* body = static_cast<std::string*>(out);
    if (body->size() + size * n > kMaxReplyBytes)
        return 0;
    body->append(data, size * n);
    return size * n;
}

bool IsDecimalOctet(const std::string& s) {
    if (s.empty() || s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    return std::stoi(s) <= 255;
}

std::string Describe(const HttpResult& r) {
    if (r.Status == 0)
        return "the store cannot be reached (" + r.Error + ")";
    nlohmann::json j = nlohmann::json::parse(r.Body, nullptr, false);
    std::string why = !j.is_discarded() && j.is_object() && j.contains("error") && j["error"].is_string()
                          ? j["error"].get<std::string>()
                          : "no explanation";
    switch (r.Status) {
    case 401: return "the store does not know this kiosk's token: enrol it again (" + why + ")";
    case 403: return "the store refuses this kiosk (" + why + ")";
    case 413: return "the batch was too large for the store";
    case 429: return "the store asks to wait a moment (too many requests)";
    default: return "the store answered " + std::to_string(r.Status) + " (" + why + ")";
    }
}

} // namespace

bool StoreUrlAllowed(const std::string& url, std::string* why) {
    std::string lower = url;
    for (char& c : lower)
        c = char(tolower(static_cast<unsigned char>(c)));
    if (lower.rfind("https://", 0) == 0)
        return true;
    if (lower.rfind("http://", 0) != 0) {
        *why = "the store's address must start with https:// (" + url + ")";
        return false;
    }
    const std::string authority = lower.substr(7, lower.find_first_of("/?#", 7) - 7);
    std::string host = authority;
    if (authority.find('@') != std::string::npos) {
        host.clear(); // user@host: never, a name in front of the host only misleads
    } else if (!authority.empty() && authority[0] == '[') {
        host = authority.substr(0, authority.find(']') + 1);
    } else {
        host = authority.substr(0, authority.find(':'));
    }
    bool loopback = host == "localhost" || host == "[::1]";
    if (!loopback && host.rfind("127.", 0) == 0) { // 127.0.0.0/8, four decimal octets
        size_t dots = 0, start = 0;
        loopback = true;
        for (size_t i = 0; i <= host.size(); i++)
            if (i == host.size() || host[i] == '.') {
                loopback = loopback && IsDecimalOctet(host.substr(start, i - start));
                dots += i < host.size();
                start = i + 1;
            }
        loopback = loopback && dots == 3;
    }
    if (!loopback) {
        *why = "http:// is only for a store on this machine; use https:// for " + url +
               " (the token and the answers would cross the network in the clear)";
        return false;
    }
    return true;
}

namespace {
HttpResult Request(const std::string& url, const std::string& token, const std::string* body, long timeout_s,
                   const std::string& ca_pem);
}

HttpResult PostJson(const std::string& url, const std::string& token, const std::string& body, long timeout_s,
                    const std::string& ca_pem) {
    return Request(url, token, &body, timeout_s, ca_pem);
}

HttpResult GetJson(const std::string& url, const std::string& token, long timeout_s, const std::string& ca_pem) {
    return Request(url, token, nullptr, timeout_s, ca_pem);
}

namespace {

HttpResult Request(const std::string& url, const std::string& token, const std::string* body, long timeout_s,
                   const std::string& ca_pem) {
    static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    HttpResult r;
    if (!StoreUrlAllowed(url, &r.Error))
        return r;
    CURL* c = curl_ready ? curl_easy_init() : nullptr;
    if (!c) {
        r.Error = "libcurl cannot start";
        return r;
    }
    struct curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    std::string auth = "Authorization: Bearer " + token;
    if (!token.empty())
        headers = curl_slist_append(headers, auth.c_str());
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body->size()));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.Body);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);       // safe on a thread
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // a captive portal's redirect is not the store
    struct curl_blob ca = {const_cast<char*>(ca_pem.data()), ca_pem.size(), CURL_BLOB_COPY};
    if (!ca_pem.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &ca);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.Status);
    else if (rc == CURLE_WRITE_ERROR)
        r.Error = "the reply is larger than " + std::to_string(kMaxReplyBytes >> 20) + " MiB; not a Wijkstem store";
    else
        r.Error = curl_easy_strerror(rc);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return r;
}

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Writes to a temporary name, syncs, renames, syncs the folder: a power cut leaves the
// old file or the new one, never half of one (sync/private_file.hpp).
bool WriteFileAtomically(const std::string& dir, const std::string& name, const std::string& data,
                         std::string* error) {
    return MakeDirs(dir, error) && wsync::WriteFileAtomically(dir + "/" + name, data, error);
}

// The wijk's pack and results from the store.
bool FetchContent(Journal& journal, const StoreLink& store, const std::string& pack_dir, SyncReport* rep,
                  std::string* error) {
    HttpResult r = GetJson(store.Url + "/v1/content", store.Token, 60, store.CaPem);
    if (r.Status != 200) {
        *error = Describe(r);
        return false;
    }
    WijkContent content;
    if (!DecodeContent(r.Body, &content, error))
        return false;
    if (!journal.SetWijkResults(content.Results, error))
        return false;
    if (content.HasAgreements && !journal.SetWijkAgreements(content.Agreements, content.AgreementChanges, error))
        return false; // stap 3: the wijk's agreements and their history
    if (!journal.SetNews(content.News, error)) // checked whole by DecodeContent
        return false;
    // Answers this kiosk sent but the store no longer has (restored from a backup): again.
    int64_t resend = journal.ResendMissing(content.DeviceMaxSeq, content.MissingSeqs, error);
    if (resend < 0)
        return false;
    rep->Resent = resend;
    // A wijk or a dorp: kept beside the pack, used from the kiosk's next start, like a pack.
    if (!pack_dir.empty()) {
        const std::string place_now = ReadAll(pack_dir + "/" + kPlaceFile);
        if (place_now != content.Place && !(place_now.empty() && content.Place == "wijk")) {
            if (!WriteFileAtomically(pack_dir, kPlaceFile, content.Place, error))
                return false;
            rep->NewPlace = content.Place;
        }
    }
    if (content.PackBody.empty() || pack_dir.empty() || ReadAll(pack_dir + "/pack.json") == content.PackBody)
        return true;
    content::LoadResult pack = content::LoadPackText(content.PackBody, "the store's pack");
    if (!pack.Ok()) { // refused whole; the kiosk keeps its last good pack
        *error = "the store sent a pack with problems, which was not installed: " + pack.Problems.front().Format();
        return false;
    }
    if (!WriteFileAtomically(pack_dir, "pack.json", content.PackBody, error))
        return false;
    rep->NewPack = pack.Pack.Id + " " + pack.Pack.Version;
    return true;
}

// The campfire data, after the answers: requests of at most kMaxCampfireItems until nothing
// waits. Marks an item synced (in the revision sent) only when the store stored it or had
// it already. False and *error at the first failure.
bool SyncCampfire(Journal& journal, const StoreLink& store, SyncReport* rep, std::string* error) {
    for (;;) {
        CampfireBatch batch;
        if (!journal.CampfireWaiting(kMaxCampfireItems, &batch, error))
            return false;
        if (batch.Empty())
            return true;
        HttpResult r = PostJson(store.Url + "/v1/group", store.Token, EncodeCampfireBatch(batch), 60, store.CaPem);
        if (r.Status == 404) {
            *error = "the store does not take campfire data yet (an older wijkstem-store); it stays on the kiosk";
            return false;
        }
        if (r.Status != 200) {
            *error = Describe(r);
            return false;
        }
        CampfireReply reply;
        if (!DecodeCampfireReply(r.Body, batch, &reply, error))
            return false;
        CampfireBatch acknowledged;
        auto taken = [&](const AnswerResult& s) {
            const bool ok = s.Status == AnswerStatus::Stored || s.Status == AnswerStatus::AlreadyStored;
            (ok ? rep->CampfireAcknowledged : rep->CampfireRefused)++;
            return ok;
        };
        for (size_t i = 0; i < batch.Sessions.size(); i++)
            if (taken(reply.Sessions[i]))
                acknowledged.Sessions.push_back(batch.Sessions[i]);
        for (size_t i = 0; i < batch.Results.size(); i++)
            if (taken(reply.Results[i]))
                acknowledged.Results.push_back(batch.Results[i]);
        for (size_t i = 0; i < batch.Agreements.size(); i++)
            if (taken(reply.Agreements[i]))
                acknowledged.Agreements.push_back(batch.Agreements[i]);
        for (size_t i = 0; i < batch.Changes.size(); i++)
            if (taken(reply.Changes[i]))
                acknowledged.Changes.push_back(batch.Changes[i]);
        for (size_t i = 0; i < batch.Notes.size(); i++)
            if (taken(reply.Notes[i]))
                acknowledged.Notes.push_back(batch.Notes[i]);
        if (!journal.MarkCampfireSynced(acknowledged, error))
            return false;
        if (acknowledged.Empty()) { // nothing moved: what was refused stays waiting
            *error = "the store did not accept " + std::to_string(batch.Size()) +
                     " waiting campfire item(s) (conflict or invalid); they stay on the kiosk";
            return false;
        }
    }
}

} // namespace

std::string DownloadedPackDir(const std::string& data_dir) { return data_dir + "/pack"; }

bool EnrollDevice(Journal& journal, const std::string& store_url, const std::string& code, const std::string& ca_pem,
                  std::string* message) {
    std::string pub, sec, error;
    if (!journal.SigningKey(&pub, &sec, &error)) {
        *message = error;
        return false;
    }
    std::string url = store_url;
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    if (!StoreUrlAllowed(url, message))
        return false;
    nlohmann::json req = {{"code", code}, {"device_id", journal.DeviceId()}, {"public_key", pub}};
    HttpResult r = PostJson(url + "/v1/enroll", "", req.dump(), 30, ca_pem);
    nlohmann::json j = nlohmann::json::parse(r.Body, nullptr, false);
    if (r.Status != 200 || j.is_discarded() || !j.is_object() || j.value("store", "") != kStoreMarker ||
        !j.contains("token") || !j["token"].is_string() || !j.contains("wijk") || !j["wijk"].is_string()) {
        *message = r.Status == 200 ? "the reply is not from a Wijkstem store" : Describe(r);
        return false;
    }
    if (!journal.SetStore({url, j["token"], j["wijk"], ca_pem}, &error)) {
        *message = error;
        return false;
    }
    *message = "enrolled at " + url + " for " + j["wijk"].get<std::string>();
    return true;
}

bool SyncRound(Journal& journal, SyncReport* rep, const std::string& pack_dir) {
    *rep = {};
    StoreLink store;
    auto finish = [&](const std::string& error) {
        rep->Error = error;
        JournalStatus st;
        std::string ignored;
        if (journal.Status(&st, &ignored)) {
            rep->Left = st.Waiting;
            rep->CampfireLeft = st.CampfireWaiting;
        }
        journal.RecordSync(error.empty(), error, &ignored);
        return error.empty();
    };
    if (!journal.GetStore(&store))
        return finish("this kiosk is not enrolled at a store (wijkstem enroll URL CODE)");
    bool resent_once = false;
    for (;;) {
        Batch batch;
        batch.DeviceId = journal.DeviceId();
        std::string error;
        if (!journal.Waiting(kMaxBatchAnswers, kMaxBatchBytes - 4096, &batch.Answers, &error))
            return finish(error);
        if (batch.Answers.empty()) {
            std::string campfire_error, fetch_error;
            if (!resent_once) // the campfire data once a round, after the answers
                SyncCampfire(journal, store, rep, &campfire_error);
            if (FetchContent(journal, store, pack_dir, rep, &fetch_error) && rep->Resent > 0 && !resent_once) {
                resent_once = true; // send what the store asked for, in this same round
                continue;
            }
            journal.PruneSynced(kRetentionDays, &fetch_error);
            return finish(!campfire_error.empty() ? campfire_error : fetch_error);
        }
        HttpResult r = PostJson(store.Url + "/v1/answers", store.Token, EncodeBatch(batch), 60, store.CaPem);
        if (r.Status != 200)
            return finish(Describe(r));
        std::vector<AnswerResult> results;
        if (!DecodeReply(r.Body, batch, &results, &error))
            return finish(error);
        std::unordered_map<std::string_view, int64_t> seq_of; // DecodeReply checked every id was sent
        for (const StoredAnswer& a : batch.Answers)
            seq_of.emplace(a.Id, a.Seq);
        std::vector<int64_t> acknowledged;
        for (const AnswerResult& a : results) {
            switch (a.Status) {
            case AnswerStatus::Stored: rep->Stored++; acknowledged.push_back(seq_of.at(a.Id)); break;
            case AnswerStatus::AlreadyStored: rep->AlreadyStored++; acknowledged.push_back(seq_of.at(a.Id)); break;
            case AnswerStatus::Conflict: rep->Conflicts++; break;
            case AnswerStatus::Invalid: rep->Invalid++; break;
            }
        }
        rep->Batches++;
        if (!journal.MarkSynced(acknowledged, &error))
            return finish(error);
        if (acknowledged.empty()) // nothing moved: conflicts or invalid answers stay waiting
            return finish("the store did not accept " + std::to_string(results.size()) +
                          " waiting answer(s) (conflict or invalid); they stay on the kiosk");
    }
}

} // namespace wsync
