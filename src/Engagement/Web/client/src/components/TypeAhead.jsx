import { useEffect, useId, useState } from "react";
import { useCombobox } from "downshift";

/**
 * A search box with suggestions (downshift's ARIA combobox): type, pick with the arrow keys and Enter or a click.
 * search(text) answers [{id, name, sub?}]; onPick(item) takes the chosen one. With onAdd, the last option offers
 * to add what was typed as a new one (onAdd(text)).
 */
export default function TypeAhead({ label, search, onPick, onAdd, addLabel = (text) => `Add “${text}” as new`, exclude = [], invalid, describedBy, hint }) {
  const [text, setText] = useState("");
  const [found, setFound] = useState([]);
  const id = useId();

  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const items = await search(text.trim());
      if (current) setFound(items);
    }, 150);
    return () => { current = false; clearTimeout(timer); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const items = [...found.filter((f) => !exclude.includes(f.id)), ...(onAdd && text.trim() ? [{ add: true, id: "__add", name: text.trim() }] : [])];
  const { isOpen, getLabelProps, getInputProps, getMenuProps, getItemProps, highlightedIndex, openMenu } = useCombobox({
    items,
    inputValue: text,
    selectedItem: null,
    itemToString: (item) => item?.name ?? "",
    onInputValueChange: ({ inputValue, type }) => {
      if (type !== useCombobox.stateChangeTypes.ItemClick && type !== useCombobox.stateChangeTypes.InputKeyDownEnter) setText(inputValue ?? "");
    },
    onSelectedItemChange: ({ selectedItem }) => {
      if (!selectedItem) return;
      if (selectedItem.add) onAdd(selectedItem.name); else onPick(selectedItem);
      setText("");
    }
  });

  return <div className="combo">
    <label {...getLabelProps()} className="label">{label}</label>
    {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
    <div className="combo-input">
      <input {...getInputProps({
        onFocus: () => { if (!isOpen) openMenu(); },
        "aria-invalid": invalid || undefined,
        "aria-describedby": [hint ? `${id}-hint` : null, describedBy].filter(Boolean).join(" ") || undefined
      })} placeholder="Type to search" />
    </div>
    <ul {...getMenuProps()} className="options">
      {isOpen ? items.map((item, index) => <li key={item.id} {...getItemProps({ item, index })}
        className={[highlightedIndex === index ? "highlighted" : "", item.add ? "add" : ""].join(" ").trim() || undefined}>
        {item.add ? addLabel(item.name) : <>{item.name}{item.sub ? <span className="sub">{item.sub}</span> : null}</>}
      </li>) : null}
    </ul>
  </div>;
}
