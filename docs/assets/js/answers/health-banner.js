// The storage-health banner above a worksheet (loaded by health.js only
// when there is something to say): a plain warning when this browser is not
// keeping answers, or the gentle reminder to download a copy.
import { backupState, reminderDue } from "./health.js";
import { BACKUP_KEY } from "../storage/keys.js";
import { health, onHealth, setItem } from "../storage/store.js";

function button(text, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "tw-button";
  node.textContent = text;
  node.addEventListener("click", onClick);
  return node;
}

function paragraph(text, tag = "p") {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

// Where the home screen is explained, from the site's root in Material's config.
function homeScreenLink() {
  const line = document.createElement("p");
  try {
    const { base } = JSON.parse(document.getElementById("__config").textContent);
    const link = document.createElement("a");
    link.href = new URL(`${base}/privacy/#home-screen`, document.baseURI).href;
    link.textContent = "How to add it to your home screen";
    line.append(link);
  } catch {
    /* no config: the sentence above still says it */
  }
  return line;
}

export function showBanner(anchor) {
  const box = document.createElement("div");
  box.className = "tw-health";
  box.dataset.twHealth = "";
  anchor.before(box);
  const status = paragraph("");
  status.setAttribute("role", "status");

  const download = () => import("./backup.js").then((backup) => {
    backup.downloadJson();
    render();
    say("A copy of your answers was downloaded to this device.");
  }).catch(() => say("The download could not start. Reload the page and try again."));

  const say = (text) => {
    status.textContent = text;
    box.append(status);
    box.hidden = false;
  };

  const render = () => {
    box.replaceChildren();
    box.removeAttribute("role");
    box.className = "tw-health";
    if (health.unavailable || health.failed) {
      box.classList.add("tw-health--problem");
      box.setAttribute("role", "alert");
      box.append(
        paragraph("Your answers are not being kept.", "strong"),
        paragraph("This browser is refusing to store them: its storage may be turned off or full, "
          + "or this may be a private window. What you type stays on this page until you close it. "
          + "Download a copy to keep it."),
        button("Download my answers", download),
      );
    } else if (reminderDue()) {
      box.classList.add("tw-health--reminder");
      const later = button("Not now", () => {
        setItem(BACKUP_KEY, JSON.stringify({ ...backupState(), later: new Date().toISOString() }));
        render();
      });
      box.append(
        paragraph("It has been a week or more since you last saved a copy of your answers. Browsers "
          + "sometimes clear what websites keep, so a copy on your own device is worth having. "
          + "On an iPhone, adding this site to your home screen helps too."),
        homeScreenLink(),
        button("Download a copy", download), later,
      );
    }
    box.hidden = box.childElementCount === 0;
  };

  render();
  const stop = onHealth(render);
  return () => {
    stop();
    box.remove();
  };
}
