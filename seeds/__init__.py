"""The masterclass notebook and the prompt set, as data files. Installed as the package `journal._seeds`
(pyproject.toml maps this folder there) and read through `journal.resources`."""
