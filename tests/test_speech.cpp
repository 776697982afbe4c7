// Speech synthesis for real, to a buffer (no sound card needed): every text of the
// bundled pack in each of its languages, with that language's voice.
#include "kiosk/speaker.hpp"
#include "kiosk/speech.hpp"
#include "test_packs.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

using namespace kiosk;

namespace {

double Ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

// Real speech, not silence or a click: at least this long and this loud.
constexpr double kMinSeconds = 0.15;
constexpr double kMinRms = 300.0; // of 32767; espeak-ng speaks at about 2500-3500

// Every text a resident can see or hear, in one language: ui texts, scale labels (in
// every question that uses them), poll and zone titles and explanations, prompts,
// options, rows, units, archetypes. Templates get a number, as the screens fill them.
std::set<std::string> PackTexts(const content::Pack& pack, const std::string& lang, std::vector<std::string>* missing) {
    std::set<std::string> out;
    auto add = [&](const content::Text& text, const std::string& where) {
        auto it = text.find(lang);
        if (it == text.end() || it->second.empty()) {
            missing->push_back(where);
            return;
        }
        out.insert(std::regex_replace(it->second, std::regex("\\{[a-z_]+\\}"), "3"));
    };
    for (const auto& [key, text] : pack.Ui)
        add(text, "ui " + key);
    for (const auto* list : {&pack.Polls, &pack.Zones})
        for (const content::Poll& p : *list) {
            add(p.Title, p.Id + ".title");
            if (!p.Explain.empty())
                add(p.Explain, p.Id + ".explain");
            for (const content::Question& q : p.Questions) {
                add(q.Prompt, q.Id + ".prompt");
                if (!q.Unit.empty())
                    add(q.Unit, q.Id + ".unit");
                for (const auto* options : {&q.Options, &q.Rows})
                    for (const content::Option& o : *options)
                        add(o.Label, q.Id + "." + o.Id);
            }
        }
    for (const content::Archetype& a : pack.Archetypes) {
        add(a.Label, a.Id + ".label");
        add(a.Explain, a.Id + ".explain");
    }
    return out;
}

} // namespace

TEST_CASE("speech: the six languages each speak with their own voice") {
    const std::map<std::string, std::string> sentence = {
        {"nl", "Hoe prettig woont u in uw wijk?"},
        {"en", "How pleasant is it to live in your neighbourhood?"},
        {"pl", "Jak przyjemnie mieszka się w twojej dzielnicy?"},
        {"tr", "Mahallenizde yaşamak ne kadar hoş?"},
        {"uk", "Наскільки приємно жити у вашому районі?"},
        {"ar", "ما مدى متعة العيش في حيك؟"},
    };
    std::set<std::string> voices;
    for (const auto& [lang, text] : sentence) {
        CAPTURE(lang);
        Pcm pcm;
        std::string error;
        REQUIRE_MESSAGE(Synthesize(text, lang, kDefaultSpeechVolume, &pcm, &error), error);
        CHECK(pcm.Rate > 8000);
        CHECK(pcm.Seconds() > 1.0); // a whole sentence
        CHECK(pcm.Rms() > kMinRms);
        CHECK(VoiceSpeaks(pcm.VoiceLanguage, lang));
        CHECK(pcm.Voice.size() > lang.size());
        CHECK(pcm.Voice.substr(pcm.Voice.size() - lang.size()) == lang); // "gmw/nl", "sem/ar", ...
        voices.insert(pcm.Voice);
    }
    CHECK(voices.size() == sentence.size());
}

TEST_CASE("speech: VoiceSpeaks matches a language and its regional voices only") {
    CHECK(VoiceSpeaks("nl", "nl"));
    CHECK(VoiceSpeaks("en-gb", "en"));
    CHECK_FALSE(VoiceSpeaks("en-gb", "e"));
    CHECK_FALSE(VoiceSpeaks("nl", "en"));
    CHECK_FALSE(VoiceSpeaks("", "nl"));
}

TEST_CASE("speech: a language without a voice is an error in words, not a crash or another voice") {
    Pcm pcm;
    std::string error;
    CHECK_FALSE(Synthesize("Hallo", "xx", kDefaultSpeechVolume, &pcm, &error));
    CHECK(error.find("xx") != std::string::npos);
    CHECK(pcm.Samples.empty());
    // The engine is still fine afterwards.
    CHECK(Synthesize("Hallo", "nl", kDefaultSpeechVolume, &pcm, &error));
    CHECK(pcm.Rms() > kMinRms);
}

TEST_CASE("speech: volume scales the samples; cancelling stops a synthesis") {
    Pcm soft, loud;
    std::string error;
    REQUIRE(Synthesize("Bent u er nog?", "nl", 50, &soft, &error));
    REQUIRE(Synthesize("Bent u er nog?", "nl", 180, &loud, &error));
    CHECK(loud.Rms() > soft.Rms() * 2);

    std::atomic<bool> cancel{true};
    Pcm cut;
    CHECK_FALSE(Synthesize("Een lange zin die nooit helemaal wordt uitgesproken, want hij is al afgebroken.", "nl",
                           100, &cut, &error, &cancel));
    CHECK(error == "cancelled");
}

TEST_CASE("speech: every text of the bundled pack produces audio in each of the pack's languages") {
    const content::Pack& pack = BundledPack();
    REQUIRE_FALSE(pack.Languages.empty());
    const auto start = std::chrono::steady_clock::now();
    size_t utterances = 0;
    double audio_seconds = 0;
    for (const std::string& lang : pack.Languages) { // pl, tr, uk, ar come as the pack gets them
        CAPTURE(lang);
        std::vector<std::string> missing;
        const std::set<std::string> texts = PackTexts(pack, lang, &missing); // a set: each text once
        for (const std::string& where : missing)
            FAIL_CHECK("no " << lang << " text for " << where);
        CHECK(texts.size() > 100);
        for (const std::string& text : texts) {
            Pcm pcm;
            std::string error;
            bool ok = Synthesize(text, lang, kDefaultSpeechVolume, &pcm, &error);
            if (!ok || pcm.Seconds() < kMinSeconds || pcm.Rms() < kMinRms || !VoiceSpeaks(pcm.VoiceLanguage, lang))
                FAIL_CHECK(lang << " '" << text << "': " << (ok ? "" : error) << " " << pcm.Seconds() << " s, rms "
                                << pcm.Rms() << ", voice " << pcm.Voice << " (" << pcm.VoiceLanguage << ")");
            utterances++;
            audio_seconds += pcm.Seconds();
        }
    }
    const double ms = Ms(start);
    MESSAGE(utterances << " utterances in " << pack.Languages.size() << " languages, " << int(audio_seconds)
                       << " s of audio, synthesized in " << int(ms) << " ms (" << ms / double(utterances)
                       << " ms per utterance)");
}

TEST_CASE("speaker: with or without a sound device it finishes every request, never hangs, logs a failure once") {
    std::mutex mutex;
    std::vector<std::string> log;
    {
        Speaker speaker([&](const std::string& m) {
            std::lock_guard<std::mutex> lock(mutex);
            log.push_back(m);
        });
        for (int i = 1; i <= 3; i++) {
            speaker.Say({"nl", {"Lees voor."}, kDefaultSpeechVolume});
            // Waits for the thread (a sound device plays the half second for real).
            for (int wait = 0; wait < 3000 && speaker.Finished() < i; wait++)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            REQUIRE(speaker.Finished() == i);
        }
        std::lock_guard<std::mutex> lock(mutex);
        if (speaker.Played() == 0) { // no sound card here (CI, Xvfb): said once, in words
            REQUIRE(log.size() == 1);
            CHECK(log[0].find("speech stays silent") == 0);
        } else {
            CHECK(speaker.Played() == 3);
        }
        // A long request cut off by the end of the visit: the destructor joins at once.
        speaker.Say({"nl", {"Een heel lange zin om af te breken.", "En nog een."}, kDefaultSpeechVolume});
        speaker.Stop();
    }
    for (const std::string& m : log)
        MESSAGE(m);
}
