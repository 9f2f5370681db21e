"""Package metadata, read from settings.ini (nbdev 2 layout; written by hand, see ../shared/STACK.md)."""
from configparser import ConfigParser
import sys
import setuptools

cfg = ConfigParser(delimiters=["="])
cfg.read("settings.ini", encoding="utf-8")
cfg = cfg["DEFAULT"]

licenses = {"apache2": "Apache-2.0"}
statuses = ["1 - Planning", "2 - Pre-Alpha", "3 - Alpha", "4 - Beta", "5 - Production/Stable", "6 - Mature", "7 - Inactive"]

setuptools.setup(
    name=cfg["lib_name"],
    version=cfg["version"],
    description=cfg["description"],
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    author=cfg["author"],
    author_email=cfg["author_email"],
    license=licenses[cfg["license"]],
    url=cfg["git_url"],
    keywords=cfg["keywords"].split(),
    classifiers=[
        "Development Status :: " + statuses[int(cfg["status"]) - 1],
        "Intended Audience :: " + cfg["audience"],
        "Natural Language :: " + cfg["language"],
        "Programming Language :: Python :: 3",
        "Topic :: Multimedia :: Sound/Audio :: Analysis",
    ],
    packages=setuptools.find_namespace_packages(include=["genre_nb", "genre_nb.*"]),
    package_data={"genre_nb": ["resources/*.txt", "resources/*.tsv", "resources/pretrained/*"]},
    python_requires=">=" + cfg["min_python"],
    install_requires=cfg["requirements"].split(),
    extras_require={"dev": cfg["dev_requirements"].split()},
    entry_points={"console_scripts": cfg["console_scripts"].split(), "nbdev": [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    # genre_nb.dsp's moving median in C (csrc/median.c, loaded with ctypes); optional: without a C compiler the
    # install goes on and the median falls back to bottleneck's, slower, same values
    ext_modules=[setuptools.Extension("genre_nb._median", ["csrc/median.c"], optional=True,
                                      extra_compile_args=[] if sys.platform == "win32" else ["-O3"])],
    zip_safe=False,
)
