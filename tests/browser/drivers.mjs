// Two ways of working a page, so one journey runs both as a mouse user and as a keyboard-only
// user: `Mouse` clicks and fills as playwright does; `Keyboard` reaches every control with Tab
// (and the arrow keys inside a radio group or a select), presses Enter or Space, and types.
// A control the keyboard cannot reach in 250 presses of Tab fails the journey, naming it.

const MAX_TABS = 250;

export class Mouse {
  constructor(page) {
    this.page = page;
    this.name = "mouse";
  }
  async click(locator) {
    await locator.click();
  }
  async fill(locator, text) {
    await locator.fill(text);
  }
  async check(locator) {
    await locator.check();
  }
  async select(locator, value) {
    await locator.selectOption(value);
  }
}

async function isFocused(locator) {
  return locator.evaluate((el) => el === document.activeElement);
}

export class Keyboard {
  constructor(page) {
    this.page = page;
    this.name = "keyboard";
  }

  /** Tabs until `locator` has the focus (from wherever the focus is now). */
  async focus(locator, matches = isFocused) {
    await locator.waitFor();
    for (let i = 0; i < MAX_TABS; i++) {
      if (await matches(locator)) return;
      await this.page.keyboard.press("Tab");
    }
    throw new Error(
      `the keyboard cannot reach ${locator} (${MAX_TABS} presses of Tab)`,
    );
  }

  async click(locator) {
    await this.focus(locator);
    const tag = await locator.evaluate((el) => el.tagName.toLowerCase());
    const type = await locator.evaluate((el) => el.getAttribute("type") ?? "");
    await this.page.keyboard.press(
      tag === "input" && (type === "checkbox" || type === "radio")
        ? "Space"
        : "Enter",
    );
  }

  async fill(locator, text) {
    await this.focus(locator);
    await this.page.keyboard.press("Control+A");
    await this.page.keyboard.press("Delete");
    if (text !== "") await this.page.keyboard.insertText(text);
  }

  async check(locator) {
    const type = await locator.evaluate((el) => el.getAttribute("type"));
    if (type === "radio") {
      // Tab reaches a radio group once; the arrow keys move (and check) within it.
      const name = await locator.evaluate((el) => el.name);
      await this.focus(locator, (l) =>
        l.evaluate(
          (el, n) =>
            document.activeElement instanceof HTMLInputElement &&
            document.activeElement.type === "radio" &&
            document.activeElement.name === n,
          name,
        ),
      );
      for (let i = 0; i < 30 && !(await isFocused(locator)); i++) {
        await this.page.keyboard.press("ArrowDown");
      }
      if (!(await isFocused(locator)))
        throw new Error(`the arrow keys cannot reach ${locator}`);
      if (!(await locator.isChecked())) await this.page.keyboard.press("Space");
      return;
    }
    if (!(await locator.isChecked())) {
      await this.focus(locator);
      await this.page.keyboard.press("Space");
    }
  }

  async select(locator, value) {
    await this.focus(locator);
    const values = await locator.evaluate((el) =>
      Array.from(el.options).map((o) => o.value),
    );
    const want = values.indexOf(value);
    if (want < 0) throw new Error(`${locator} has no option ${value}`);
    await this.page.keyboard.press("Home");
    for (let i = 0; i < want; i++) await this.page.keyboard.press("ArrowDown");
    const got = await locator.inputValue();
    if (got !== value)
      throw new Error(`the keyboard chose ${got}, not ${value}, in ${locator}`);
  }
}
