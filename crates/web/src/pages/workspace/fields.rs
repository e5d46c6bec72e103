//! Form fields as the templates render them (`templates/workspace/_fields.html`): a
//! label for every control, hints and errors tied to it by `aria-describedby`, checkbox
//! groups in a fieldset with a legend.

use crate::i18n::Tr;
use crate::problem::AppError;
use crate::views::SelectOption;

pub(super) use crate::pages::form::Errors;

/// The workspace's ways of noting problems.
impl Errors {
    /// Notes the translated message for `field` (key `ws-error-<field>`).
    pub(super) fn field(&mut self, tr: &Tr, field: &str) {
        self.add(field, field_message(tr, field));
    }

    /// Notes a 400 from validation (the domain or [`crate::manage`]) at the form field
    /// it concerns; `fields` maps the error's parameter to a field of this form. Any
    /// other error is returned.
    pub(super) fn add_app_error(
        &mut self,
        tr: &Tr,
        err: AppError,
        fields: impl Fn(&str) -> Option<&'static str>,
    ) -> Result<(), AppError> {
        if err.status != axum::http::StatusCode::BAD_REQUEST {
            return Err(err);
        }
        match err.param.as_deref().and_then(&fields) {
            Some(field) => self.field(tr, field),
            None => self.add("", err.detail(tr)),
        }
        Ok(())
    }

    /// Every problem as a link to its field (form-level problems have none), with the
    /// field's label; in the order of `fields`, form-level problems last.
    pub(super) fn summary(&self, fields: &[&Field]) -> Vec<SummaryItem> {
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

/// The translated message for a field (`ws-error-<field>`).
pub(super) fn field_message(tr: &Tr, field: &str) -> String {
    let key = format!("ws-error-{field}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        tr.t("ws-error-field")
    }
}

/// One line of the error summary at the top of a form.
pub(super) struct SummaryItem {
    /// Link to the field.
    pub href: Option<String>,
    /// The field's label.
    pub label: String,
    /// What to fix.
    pub message: String,
}

/// One form control with its label, hint and error.
pub(super) struct Field {
    /// Name and id.
    pub name: &'static str,
    /// Label (legend for checkbox groups).
    pub label: String,
    /// `text`, `url`, `email`, `date`, `textarea`, `select` or `checks`.
    pub control: &'static str,
    /// Current value (text controls).
    pub value: String,
    /// Options (select, checks).
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
    /// `list` attribute: id of a datalist ("" = none).
    pub list: &'static str,
    /// `maxlength` (0 = none).
    pub maxlength: usize,
}

impl Field {
    /// A text control.
    pub fn new(name: &'static str, label: String, value: impl Into<String>) -> Self {
        Self {
            name,
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
    pub fn select(name: &'static str, label: String, options: Vec<SelectOption>) -> Self {
        Self {
            control: "select",
            options,
            ..Self::new(name, label, "")
        }
    }

    /// A group of checkboxes.
    pub fn checks(name: &'static str, label: String, options: Vec<SelectOption>) -> Self {
        Self {
            control: "checks",
            options,
            ..Self::new(name, label, "")
        }
    }

    /// Another control type (`url`, `email`, `date`, `textarea`).
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

    /// Sets `list`.
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
        self.error = errors.get(self.name).map(str::to_string);
        self
    }

    /// The id the error summary links to: the control, or a checkbox group's first box.
    pub fn anchor(&self) -> String {
        match (self.control, self.options.first()) {
            ("checks", Some(o)) => self.option_id(&o.value),
            _ => self.name.to_string(),
        }
    }

    /// Id of a checkbox.
    pub fn option_id(&self, value: &str) -> String {
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
pub(super) fn options<T: Copy + PartialEq>(
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
