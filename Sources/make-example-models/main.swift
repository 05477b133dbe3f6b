print("make-example-models")
