//! What went wrong with a submitted form, field by field: pages re-render the form with
//! the submitted values and each message next to its field, rendered by the macros of
//! `templates/workspace/_fields.html`: a label for every control, hints and errors tied
//! to it by `aria-describedby`, checkbox groups in a fieldset with a legend, and an error
//! summary that links to each field.

use crate::views::SelectOption;

/// The problems of a submitted form: (field name, message), in the order found. A
/// field name of "" is a problem of the whole form.
#[derive(Debug, Default)]
pub(crate) struct Errors(Vec<(String, String)>);

impl Errors {
    /// Notes a problem with `field`; the first problem of a field wins.
    pub(crate) fn add(&mut self, field: &str, message: String) {
        if self.get(field).is_none() {
            self.0.push((field.to_string(), message));
        }
    }

    /// The message for `field`, if any.
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether the form was fine.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The status of the page that shows the form again: 400 with problems.
    pub(crate) fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::BAD_REQUEST
        }
    }

    /// Whether any field has a message (for templates).
    pub(crate) fn any(&self) -> bool {
        !self.is_empty()
    }

    /// Every (field, message), in the order found.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }

    /// Every problem as a link to its field (form-level problems have none), with the
    /// field's label; in the order of `fields`, form-level problems last.
    pub(crate) fn summary(&self, fields: &[&Field]) -> Vec<SummaryItem> {
        let mut items: Vec<(usize, SummaryItem)> = self
            .iter()
            .map(|(name, message)| {
                let pos = fields.iter().position(|f| f.name == name);
                let field = pos.map(|i| fields[i]);
                let item = SummaryItem {
                    href: field.map(|f| format!("#{}", f.anchor())),
                    label: field.map(|f| f.label.clone()).unwrap_or_default(),
                    message: message.to_string(),
                };
                (pos.unwrap_or(usize::MAX), item)
            })
            .collect();
        items.sort_by_key(|(pos, _)| *pos);
        items.into_iter().map(|(_, item)| item).collect()
    }
}

/// One line of the error summary at the top of a form.
pub(crate) struct SummaryItem {
    /// Link to the field.
    pub href: Option<String>,
    /// The field's label.
    pub label: String,
    /// What to fix.
    pub message: String,
}

/// One form control with its label, hint and error.
pub(crate) struct Field {
    /// Name and id.
    pub name: String,
    /// Label (legend for checkbox groups).
    pub label: String,
    /// `text`, `url`, `email`, `date`, `time`, `textarea`, `select`, `checks` or
    /// `radios`.
    pub control: &'static str,
    /// Current value (text controls).
    pub value: String,
    /// Options (select, checks, radios).
    pub options: Vec<SelectOption>,
    /// Help below the label.
    pub hint: Option<String>,
    /// What is wrong with the value.
    pub error: Option<String>,
    /// Required.
    pub required: bool,
    /// `autocomplete` attribute ("" = none).
    pub autocomplete: &'static str,
    /// `inputmode` attribute ("" = none).
    pub inputmode: &'static str,
    /// `list` attribute ("" = none).
    pub list: &'static str,
    /// `maxlength` (0 = none).
    pub maxlength: usize,
}

impl Field {
    /// A text control.
    pub fn new(name: impl Into<String>, label: String, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            label,
            control: "text",
            value: value.into(),
            options: Vec::new(),
            hint: None,
            error: None,
            required: false,
            autocomplete: "",
            inputmode: "",
            list: "",
            maxlength: 0,
        }
    }

    /// A select box.
    pub fn select(name: impl Into<String>, label: String, options: Vec<SelectOption>) -> Self {
        Self {
            control: "select",
            options,
            ..Self::new(name, label, "")
        }
    }

    /// A group of checkboxes.
    pub fn checks(name: impl Into<String>, label: String, options: Vec<SelectOption>) -> Self {
        Self {
            control: "checks",
            options,
            ..Self::new(name, label, "")
        }
    }

    /// A group of radio buttons (one choice), in a fieldset with the label as legend.
    pub fn radios(name: impl Into<String>, label: String, options: Vec<SelectOption>) -> Self {
        Self {
            control: "radios",
            options,
            ..Self::new(name, label, "")
        }
    }

    /// Another control type (`url`, `email`, `date`, `time`, `textarea`).
    pub fn control(mut self, control: &'static str) -> Self {
        self.control = control;
        self
    }

    /// A hint.
    pub fn hint(mut self, hint: impl Into<Option<String>>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Marks it required.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Sets `autocomplete`.
    pub fn autocomplete(mut self, v: &'static str) -> Self {
        self.autocomplete = v;
        self
    }

    /// Sets `inputmode`.
    pub fn inputmode(mut self, v: &'static str) -> Self {
        self.inputmode = v;
        self
    }

    /// Sets `list`: the id of a datalist.
    pub fn list(mut self, v: &'static str) -> Self {
        self.list = v;
        self
    }

    /// Sets `maxlength`.
    pub fn maxlength(mut self, n: usize) -> Self {
        self.maxlength = n;
        self
    }

    /// Takes this field's error from `errors`.
    pub fn errors(mut self, errors: &Errors) -> Self {
        self.error = errors.get(&self.name).map(str::to_string);
        self
    }

    /// The id the error summary links to: the control, or a checkbox or radio group's
    /// first box.
    pub fn anchor(&self) -> String {
        match (self.control, self.options.first()) {
            ("checks" | "radios", Some(o)) => self.option_id(&o.value),
            _ => self.name.clone(),
        }
    }

    /// Id of a checkbox or radio button: the name and the value, with characters other
    /// than letters, digits, `-` and `_` (the `:` of a time) written as `-`.
    pub fn option_id(&self, value: &str) -> String {
        let value: String = value
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("{}-{value}", self.name)
    }

    /// Id of the hint.
    pub fn hint_id(&self) -> String {
        format!("{}-hint", self.name)
    }

    /// Id of the error message.
    pub fn error_id(&self) -> String {
        format!("{}-error", self.name)
    }

    /// The `aria-describedby` value: hint and error ids ("" when neither).
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(self.hint_id());
        }
        if self.error.is_some() {
            ids.push(self.error_id());
        }
        ids.join(" ")
    }
}

/// Options for a select box over a vocabulary, `selected` marked.
pub(crate) fn options<T: Copy>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: &str,
) -> Vec<SelectOption> {
    all.iter()
        .map(|v| SelectOption {
            value: value(*v).to_string(),
            label: label(*v),
            selected: value(*v) == selected,
        })
        .collect()
}
