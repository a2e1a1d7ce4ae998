// Components that read answers wait behind the privacy lock: while it is
// closed their element is inert and lock.js asks for the passphrase once.
import { isLocked } from "../storage/store.js";

export function gated(mount) {
  return (element) => {
    if (!isLocked()) return mount(element);
    let teardown;
    let gone = false;
    element.inert = true;
    import("./lock.js")
      .then((lock) => lock.askPassphrase())
      .then(() => {
        if (gone) return;
        element.inert = false;
        teardown = mount(element);
      })
      .catch((error) => console.warn("Trust Workbook: the lock could not be loaded", error));
    return () => {
      gone = true;
      if (typeof teardown === "function") teardown();
    };
  };
}
