print("streamscope")
