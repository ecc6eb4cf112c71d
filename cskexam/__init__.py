"""cskexam: study the 客户服务管理师（二级） certificate from your own notes."""

__version__ = "0.1.0"
