// Speech's effects at the edge (kiosk/flow_speech.cpp asks for them): the speaker thread
// says the texts, or stops. Headless: only the trace, no sound.
#include "kiosk/app_state.hpp"
#include "kiosk/log.hpp"
#include "kiosk/speaker.hpp"

namespace kiosk {

void RunSpeechEffect(App& app, const SpeechEffect& e) {
    switch (e.Kind) {
    case SpeechEffectKind::Speak:
        for (const std::string& text : e.Texts)
            app.Trace("speak " + e.Lang + ": " + text);
        if (!app.Opts.Headless) { // headless: the trace only, no sound
            if (!app.Speech)
                app.Speech = std::make_unique<Speaker>([](const std::string& message) { Log(message); });
            app.Speech->Say({e.Lang, e.Texts, e.Volume});
        }
        break;
    case SpeechEffectKind::Stop:
        app.Trace("speak stop");
        if (app.Speech)
            app.Speech->Stop();
        break;
    }
}

} // namespace kiosk
